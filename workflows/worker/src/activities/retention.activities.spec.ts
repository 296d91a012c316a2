import { MockActivityEnvironment } from '@temporalio/testing';
import { retentionPolicyEnvSchema } from '@oioo/contracts';
import { TestIssuer } from '@oioo/testing';
import type { RetentionActivities } from '@oioo/workflows-platform';
import { type FakeService, startFakeService } from '../test-support/fake-service';
import { type ClosedWorkflowLister, closedCasesQuery, createRetentionActivities } from './retention.activities';
import { ServiceClient } from './service-client';

const policy = retentionPolicyEnvSchema.parse({ RETENTION_CLOSED_CASE_HISTORIES: 'P30D' });
const asOf = '2026-12-31T00:00:00.000Z';

let issuer: TestIssuer;
let identity: FakeService;
let casework: FakeService;
const queries: string[] = [];

/** Visibility as the server would answer: these closed workflows (one listed twice, as runs of one id can be). */
function lister(workflowIds: string[]): ClosedWorkflowLister {
  return {
    workflow: {
      list: ({ query }) => {
        queries.push(query);
        return (async function* () {
          for (const workflowId of workflowIds) yield { workflowId };
        })();
      },
    },
  };
}

function activities(workflowIds: string[]): RetentionActivities {
  const tokens = { token: () => issuer.serviceToken('svc-worker') };
  return createRetentionActivities({
    identity: new ServiceClient('identity', identity.url, tokens),
    casework: new ServiceClient('casework', casework.url, tokens),
    temporalClient: lister(workflowIds),
    policy,
  });
}

beforeAll(async () => {
  issuer = await TestIssuer.start();
  [identity, casework] = await Promise.all([startFakeService({ issuer: issuer.issuer }), startFakeService({ issuer: issuer.issuer })]);
});

afterAll(async () => {
  await Promise.all([identity?.close(), casework?.close()]);
  await issuer?.stop();
});

describe('retention activities', () => {
  it('S4: asks a service to sweep as of the workflow\'s instant, with the worker\'s token, and returns its counts', async () => {
    identity.answer('/internal/v1/retention/sweep', 200, { asOf, deleted: { 'biometric-templates': 3 }, cutoffs: { 'biometric-templates': '2024-12-31T00:00:00.000Z' } });
    const sweep = activities([]).sweepService;
    const answer = (await new MockActivityEnvironment().run(sweep, { service: 'identity' as const, asOf })) as Awaited<ReturnType<typeof sweep>>;
    expect(answer.deleted).toEqual({ 'biometric-templates': 3 });
    expect(identity.received.at(-1)).toMatchObject({ method: 'POST', body: { asOf } });
    expect(identity.callers.at(-1)).toBe('svc-worker');
  });

  it('S4: lists closed case workflows past the period and has the data-key vault destroy their keys, 500 at a time', async () => {
    const ids = Array.from({ length: 501 }, (_, index) => `readmission:case_${String(index).padStart(20, '0')}`);
    casework.answer('/internal/v1/data-keys/destroy', 200, { destroyed: ['readmission:case_a'], alreadyDestroyed: ['readmission:case_b', 'readmission:case_c'], unknown: [] });
    const before = casework.received.length;
    const result = await new MockActivityEnvironment().run(activities([...ids, ids[0] as string]).shredClosedCaseHistories, { asOf });
    expect(queries.at(-1)).toBe(closedCasesQuery(new Date('2026-12-01T00:00:00.000Z')));
    expect(queries.at(-1)).toBe(
      "WorkflowType IN ('readmissionCaseWorkflow', 'eoiCaseWorkflow') AND ExecutionStatus IN ('Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut') AND CloseTime < '2026-12-01T00:00:00.000Z'",
    );
    const calls = casework.received.slice(before);
    expect(calls.map((call) => (call.body as { workflowIds: string[] }).workflowIds.length)).toEqual([500, 1]);
    expect(calls[0]?.body).toMatchObject({ reason: 'retention' });
    expect(casework.callers.at(-1)).toBe('svc-worker');
    // The fake vault answers every batch the same: two batches' worth of counts.
    expect(result).toEqual({ cutoff: '2026-12-01T00:00:00.000Z', found: 501, destroyed: 2, alreadyDestroyed: 4, unknown: 0 });
  });

  it('S4: calls the vault not at all when no closed case is past its period', async () => {
    const before = casework.received.length;
    const result = await new MockActivityEnvironment().run(activities([]).shredClosedCaseHistories, { asOf });
    expect(result).toMatchObject({ found: 0, destroyed: 0 });
    expect(casework.received.length).toBe(before);
  });

  it('S4: a vault refusal fails the step for good, naming its code', async () => {
    casework.answer('/internal/v1/data-keys/destroy', 403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'not this client', code: 'FORBIDDEN' });
    await expect(new MockActivityEnvironment().run(activities(['eoi:eoi_x']).shredClosedCaseHistories, { asOf })).rejects.toMatchObject({ type: 'FORBIDDEN', nonRetryable: true });
  });
});
