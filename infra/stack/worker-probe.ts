import { randomBytes, randomUUID } from 'node:crypto';
import { TaskQueues, probeWorkflowId } from '@oioo/contracts';
import { type ProbeResult, probeReplySignal, probeWorkflow } from '@oioo/workflows-platform';
import { type TemporalConfig, createTemporalClient } from '@oioo/temporal';

/**
 * Proves a worker is serving: starts a probe workflow, waits until it runs, signals it and checks the
 * echoed nonce. Exercises the frontend, the task queue, the worker and the payload codec end to end.
 */
export async function probeWorker(config: TemporalConfig, timeoutMs: number): Promise<void> {
  const client = await createTemporalClient(config);
  try {
    const handle = await client.workflow.start(probeWorkflow, {
      taskQueue: TaskQueues.platform,
      workflowId: probeWorkflowId(`probe_${randomBytes(8).toString('hex')}`),
      args: [{ probeId: 'start-up', replyTimeoutMs: timeoutMs }],
      workflowExecutionTimeout: timeoutMs + 10_000,
    });
    const nonce = randomUUID();
    await handle.signal(probeReplySignal, { nonce });
    const result: ProbeResult = await handle.result();
    if (result.nonce !== nonce) throw new Error(`probe echoed ${result.nonce}, expected ${nonce}`);
  } finally {
    await client.connection.close();
  }
}
