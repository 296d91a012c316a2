import { randomUUID } from 'node:crypto';
import { TaskQueues, probeWorkflowId } from '@oioo/contracts';
import { probeReplySignal, probeWaitingQuery, probeWorkflow } from '@oioo/workflows-platform';
import { useStackTemporal } from '../support/temporal-fixture';
import { uniqueOpaqueId } from '../support/stack';

const stack = useStackTemporal();

describe('Temporal dev server (real)', () => {
  it('a workflow started by the client waits for its signal, then completes with what the signal carried', async () => {
    const handle = await stack.client.workflow.start(probeWorkflow, {
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
