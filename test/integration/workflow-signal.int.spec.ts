import { randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { TaskQueues, probeWorkflowId } from '@oioo/contracts';
import { createTemporalClient } from '@oioo/temporal';
import { probeReplySignal, probeWaitingQuery, probeWorkflow } from '@oioo/workflows-platform';
import { startPlatformWorkers } from '../support/platform-worker';
import { stackTemporalConfig, uniqueOpaqueId } from '../support/stack';

let client: Client;
let workers: { stop(): Promise<void> };

beforeAll(async () => {
  workers = await startPlatformWorkers();
  client = await createTemporalClient(stackTemporalConfig());
});

afterAll(async () => {
  await client?.connection.close();
  await workers?.stop();
});

describe('Temporal dev server (real)', () => {
  it('a workflow started by the client waits for its signal, then completes with what the signal carried', async () => {
    const handle = await client.workflow.start(probeWorkflow, {
      taskQueue: TaskQueues.platform,
      workflowId: probeWorkflowId(uniqueOpaqueId('probe')),
      args: [{ probeId: 'integration', replyTimeoutMs: 60_000 }],
    });
    expect(await handle.query(probeWaitingQuery)).toBe(true);

    const nonce = randomUUID();
    await handle.signal(probeReplySignal, { nonce });

    await expect(handle.result()).resolves.toEqual({ nonce });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });
});
