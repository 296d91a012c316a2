import { randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type ArrivalRecordedData, TaskQueues, readmissionWorkflowId } from '@oioo/contracts';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { arrivalRecordedSignal, caseViewQuery } from './definitions';
import { readmissionCaseWorkflow } from './readmission-case.workflow';

const DAY_MS = 24 * 60 * 60 * 1000;
let env: TestWorkflowEnvironment;
let testWorker: TimeSkippingWorker;
let sequence = 0;

beforeAll(async () => {
  testWorker = await startTimeSkippingWorker({ taskQueue: TaskQueues.readmission, workflowsPath: require.resolve('./readmission-case.workflow') });
  env = testWorker.env;
}, 60_000);

afterAll(() => testWorker?.stop());

/** A fresh opaque case id per test, so cases never collide on the shared server. */
function nextCaseId(): string {
  sequence += 1;
  return `case_TS${Date.now().toString(36)}${String(sequence).padStart(4, '0')}`;
}

function arrival(caseId: string, arrivedAt: Date, overrides: Partial<ArrivalRecordedData> = {}): ArrivalRecordedData {
  return {
    caseId,
    personId: `per_${caseId.slice(5)}`,
    arrivedAt: arrivedAt.toISOString(),
    route: 'claimed-protection',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'interception-record', reference: 'INT-2025-0001' }],
    ...overrides,
  };
}

async function openCase(data: ArrivalRecordedData) {
  return env.client.workflow.signalWithStart(readmissionCaseWorkflow, {
    taskQueue: TaskQueues.readmission,
    workflowId: readmissionWorkflowId(data.caseId),
    args: [{ caseId: data.caseId }],
    signal: arrivalRecordedSignal,
    signalArgs: [{ eventId: randomUUID(), arrival: data }],
  });
}

describe('readmission case workflow (time-skipping)', () => {
  it('R3 request not sent within 14 days → case leaves the pilot for the domestic process', async () => {
    const caseId = nextCaseId();
    const startedAt = await env.currentTimeMs();
    const handle = await openCase(arrival(caseId, new Date(startedAt)));

    const result = await handle.result();

    expect(result).toEqual({ caseId, outcome: 'out-of-time', reason: expect.stringContaining('R3') });
    const skipped = (await env.currentTimeMs()) - startedAt;
    expect(skipped).toBeGreaterThanOrEqual(14 * DAY_MS);
    expect(skipped).toBeLessThan(15 * DAY_MS);
  });

  it('R3 deadline counts from the arrival time in the event, not from when the case started', async () => {
    const caseId = nextCaseId();
    const now = await env.currentTimeMs();
    const handle = await openCase(arrival(caseId, new Date(now - 10 * DAY_MS)));

    const view = await handle.query(caseViewQuery);
    expect(view.requestDeadline).toBe(new Date(now + 4 * DAY_MS).toISOString());
    await handle.result();
    const skipped = (await env.currentTimeMs()) - now;
    expect(skipped).toBeGreaterThanOrEqual(4 * DAY_MS);
    expect(skipped).toBeLessThan(5 * DAY_MS);
  });

  it('R1 an arrival with no crossing evidence is excluded at once', async () => {
    const caseId = nextCaseId();
    const handle = await openCase(arrival(caseId, new Date(await env.currentTimeMs()), { crossingEvidence: [] }));

    await expect(handle.result()).resolves.toEqual({ caseId, outcome: 'excluded', reason: expect.stringContaining('R1') });
    const view = await handle.query(caseViewQuery);
    expect(view.timeline.map((entry) => entry.what)).toEqual(['arrival-recorded', 'state:excluded']);
  });

  it('a duplicate arrival signal is noted on the timeline and opens nothing new', async () => {
    const caseId = nextCaseId();
    const data = arrival(caseId, new Date(await env.currentTimeMs()));
    const handle = await openCase(data);
    await openCase(data);

    const view = await handle.query(caseViewQuery);
    expect(view.state).toBe('awaiting-request');
    expect(view.timeline.filter((entry) => entry.what === 'duplicate-arrival-ignored')).toHaveLength(1);
    expect(view.timeline.filter((entry) => entry.what === 'arrival-recorded')).toHaveLength(1);
    await handle.terminate('test finished');
  });
});
