import { WorkflowFailedError } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { TaskQueues, probeWorkflowId } from '@oioo/contracts';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { probeReplySignal, probeWaitingQuery } from './definitions';
import { probeWorkflow } from './probe.workflow';

let env: TestWorkflowEnvironment;
let testWorker: TimeSkippingWorker;

beforeAll(async () => {
  testWorker = await startTimeSkippingWorker({ taskQueue: TaskQueues.platform, workflowsPath: require.resolve('./probe.workflow') });
  env = testWorker.env;
}, 60_000);

afterAll(() => testWorker?.stop());

describe('probe workflow (time-skipping)', () => {
  it('returns the nonce its reply signal carried', async () => {
    const handle = await env.client.workflow.start(probeWorkflow, {
      taskQueue: TaskQueues.platform,
      workflowId: probeWorkflowId('probe_replied00001'),
      args: [{ probeId: 'unit', replyTimeoutMs: 60_000 }],
    });
    expect(await handle.query(probeWaitingQuery)).toBe(true);
    await handle.signal(probeReplySignal, { nonce: 'n-1' });
    await handle.signal(probeReplySignal, { nonce: 'n-2' });
    await expect(handle.result()).resolves.toEqual({ nonce: 'n-1' });
  });

  it('fails with PROBE_TIMEOUT when no reply comes in time, so a health check reports the worker path broken', async () => {
    const handle = await env.client.workflow.start(probeWorkflow, {
      taskQueue: TaskQueues.platform,
      workflowId: probeWorkflowId('probe_unanswered01'),
      args: [{ probeId: 'unit', replyTimeoutMs: 5 * 60_000 }],
    });
    const failure = await handle.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'PROBE_TIMEOUT', nonRetryable: true });
  });
});
