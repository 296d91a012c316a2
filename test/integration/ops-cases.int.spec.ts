import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client } from '@temporalio/client';
import { SearchAttributes, readmissionWorkflowId } from '@oioo/contracts';
import { OpsRefusedError } from '@oioo/ops';
import { createTemporalClient } from '@oioo/temporal';
import { cachedWorkflowBundle, installQuietTemporalRuntime } from '@oioo/testing';
import { WORKFLOWS_ENTRY } from '@oioo/worker';
import { arrivalRecordedSignal, readmissionCaseWorkflow } from '@oioo/workflows-readmission';
import { type OpsHarness, startOpsHarness } from '../support/ops-harness';
import { Sessions } from '../support/people-tokens';
import { eventually, stackTemporalConfig, uniqueOpaqueId } from '../support/stack';
import { StoppableWorkers } from '../support/stoppable-workers';

/** R3 gives 14 days to send the request; compressed this much, it falls due 8 s after arrival. */
const DEADLINE_SECONDS = 8;
const COMPRESSION = (14 * 86_400) / DEADLINE_SECONDS;

const sessions = new Sessions();
let harness: OpsHarness;
let client: Client;
let workers: StoppableWorkers;
let bundlePath: string;
// A task queue of this file's own, so no other test's worker picks the case up while ours is stopped.
const taskQueue = `ops-it-${uniqueOpaqueId('tq').toLowerCase()}`;
const caseId = uniqueOpaqueId('case');
const workflowId = readmissionWorkflowId(caseId);

/** A worker of the real workflow code on this file's queue, running until the returned stop is called. */
function startWorker(): Promise<() => Promise<void>> {
  return workers.start(taskQueue, { bundlePath });
}

beforeAll(async () => {
  installQuietTemporalRuntime();
  harness = await startOpsHarness();
  client = await createTemporalClient(stackTemporalConfig());
  workers = await StoppableWorkers.connect();
  // The worker and `replay` load the same bundle, as production workers load WORKER_WORKFLOW_BUNDLE.
  bundlePath = join(tmpdir(), `oioo-ops-it-${process.pid}.js`);
  writeFileSync(bundlePath, (await cachedWorkflowBundle(WORKFLOWS_ENTRY)).code);
}, 120_000);

afterAll(async () => {
  await workers?.close();
  await client?.connection.close();
  await harness?.stop();
});

describe('npm run ops on the real stack: stuck cases, bulk operations, replay, the operations log', () => {
  it('stuck finds a case whose worker stopped before its deadline, and says why', async () => {
    const stopWorker = await startWorker();
    const arrivedAt = new Date();
    await client.workflow.signalWithStart(readmissionCaseWorkflow, {
      taskQueue,
      workflowId,
      args: [{ caseId, policy: { timeCompression: COMPRESSION } }],
      signal: arrivalRecordedSignal,
      signalArgs: [{ eventId: uniqueOpaqueId('evt'), arrival: { caseId, personId: uniqueOpaqueId('per'), arrivedAt: arrivedAt.toISOString(), route: 'apprehended', departedFrom: 'FR', crossingEvidence: [{ kind: 'interception-record', reference: 'HMC-INT-OPS' }] } }],
    });
    // The worker has taken the arrival once the case publishes its next deadline; then it goes away.
    const deadline = await eventually(
      async () => (await client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(SearchAttributes.nextDeadline),
      (value) => value !== undefined,
    );
    await stopWorker();
    expect(deadline?.getTime()).toBeLessThanOrEqual(arrivedAt.getTime() + DEADLINE_SECONDS * 1000 + 1000);

    const sam = await sessions.tokenOf('sam');
    // Asked once the deadline and the grace have passed; eventually only covers visibility's short lag.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (deadline?.getTime() ?? 0) + 1500 - Date.now())));
    const run = await eventually(
      () => harness.ops(['stuck', '--grace', '1s'], sam),
      (result) => result.lines.some((line) => line.includes(workflowId)),
      30_000,
    );
    const line = run.lines.find((candidate) => candidate.includes(workflowId)) ?? '';
    expect(run.code).toBe(0);
    expect(line).toMatch(/R3 fell due \d+ s ago .* and the case did not move/);
    expect(line).toContain('readmission');
  }, 90_000);

  it('bulk cancel lists the selection in a dry run first, then cancels it as one batch operation', async () => {
    const sam = await sessions.tokenOf('sam');
    const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
    await expect(harness.ops(['bulk', 'cancel', '--query', query, '--dry-run'], sam)).resolves.toMatchObject({ code: 2 });

    const dryRun = await harness.ops(['bulk', 'cancel', '--query', query, '--reason', 'test: cases of a stopped worker', '--dry-run'], sam);
    expect(dryRun.code).toBe(0);
    expect(dryRun.text).toContain(workflowId);
    expect((await client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');

    const cancel = await harness.ops(['bulk', 'cancel', '--query', query, '--reason', 'test: cases of a stopped worker'], sam);
    expect(cancel.code).toBe(0);
    expect(cancel.text).toMatch(/batch job ops-bulk-cancel-\S+ completed: 1 done, 0 failed of 1/);
    // The cancellation is a request the workflow carries out once a worker runs it.
    const stopWorker = await startWorker();
    try {
      await eventually(async () => (await client.workflow.getHandle(workflowId).describe()).status.name, (status) => status === 'CANCELLED');
    } finally {
      await stopWorker();
    }
  }, 90_000);

  it('replay replays the selected histories against the workflow bundle', async () => {
    const run = await harness.ops(['replay', '--query', `TaskQueue = '${taskQueue}'`], await sessions.tokenOf('sam'), { WORKER_WORKFLOW_BUNDLE: bundlePath });
    expect(run.code).toBe(0);
    expect(run.lines.find((line) => line.includes(workflowId))).toMatch(/ ok$/);
  }, 60_000);

  it('the operations log holds every action with the verified SRE, the reason and the outcome; an auditor reads it', async () => {
    const response = await fetch(`${harness.caseworkUrl}/api/v1/operations?target=${encodeURIComponent(workflowId)}`, { headers: { authorization: `Bearer ${await sessions.tokenOf('audrey')}` } });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { verb: string; outcome: string; actorName: string; actorId: string; reason?: string; operationId?: string }[] };
    const seen = items.map((entry) => `${entry.verb}:${entry.outcome}`).reverse();
    expect(seen).toEqual(['stuck:succeeded', 'bulk.cancel:dry-run', 'bulk.cancel:started', 'bulk.cancel:succeeded', 'replay:succeeded']);
    expect(new Set(items.map((entry) => entry.actorName))).toEqual(new Set(['Sam Sato']));
    expect(items.find((entry) => entry.outcome === 'dry-run')?.reason).toBe('test: cases of a stopped worker');
    // The closing entry of the cancel quotes the `started` entry written before the batch began.
    expect(items.find((entry) => entry.verb === 'bulk.cancel' && entry.outcome === 'succeeded')?.operationId).toMatch(/^\d+$/);
  });

  it('refuses anyone but an SRE: the command, and the log itself', async () => {
    const alice = await sessions.tokenOf('alice');
    await expect(harness.ops(['stuck'], alice)).rejects.toThrow(OpsRefusedError);
    await expect(harness.ops(['stuck'], alice)).rejects.toThrow(/Alice Ashworth is not an SRE/);
    await expect(harness.ops(['stuck'], 'not-a-token')).rejects.toThrow(/access token was not accepted/);
    const post = (token: string, body: unknown) =>
      fetch(`${harness.caseworkUrl}/api/v1/operations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(alice, { verb: 'stuck', outcome: 'succeeded' })).status).toBe(403);
    expect((await fetch(`${harness.caseworkUrl}/api/v1/operations`)).status).toBe(401);
    const sam = await sessions.tokenOf('sam');
    // The person acting is the token's, never the body's; and a mutating verb needs a reason.
    expect((await post(sam, { verb: 'stuck', outcome: 'succeeded', actor: 'someone-else' })).status).toBe(400);
    expect((await post(sam, { verb: 'bulk.terminate', outcome: 'started' })).status).toBe(400);
  });
});
