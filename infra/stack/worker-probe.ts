import { randomBytes, randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TaskQueues, probeWorkflowId } from '@oioo/contracts';
import { type ProbeResult, probeReplySignal, probeWorkflow } from '@oioo/workflows-platform';
import { type TemporalConfig, createTemporalClient } from '@oioo/temporal';

/** No worker polls the probe's task queue yet: the probe starts nothing rather than leave a timed-out workflow behind. */
export class WorkerNotPollingError extends Error {
  constructor(taskQueue: string) {
    super(`no worker polls task queue ${taskQueue} yet`);
    this.name = 'WorkerNotPollingError';
  }
}

/** Where and under which id a probe runs; the defaults are the platform's queue and a fresh id. */
export interface ProbeOptions {
  taskQueue?: string;
  probeId?: string;
}

/** True when at least one worker has polled the task queue for workflow tasks recently. */
async function workerPolls(client: Client, taskQueue: string): Promise<boolean> {
  const described = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (described.pollers ?? []).length > 0;
}

/**
 * Proves a worker is serving: once a worker polls the task queue, starts a probe workflow, signals it and
 * checks the echoed nonce. Exercises the frontend, the task queue, the worker and the payload codec end to
 * end. Before any worker polls it throws {@link WorkerNotPollingError} without starting a workflow, so a
 * start-up that probes while the worker is still bundling leaves no failed or timed-out probe behind.
 */
export async function probeWorker(config: TemporalConfig, timeoutMs: number, options: ProbeOptions = {}): Promise<void> {
  const taskQueue = options.taskQueue ?? TaskQueues.platform;
  const client = await createTemporalClient(config);
  try {
    if (!(await workerPolls(client, taskQueue))) throw new WorkerNotPollingError(taskQueue);
    const handle = await client.workflow.start(probeWorkflow, {
      taskQueue,
      workflowId: probeWorkflowId(options.probeId ?? `probe_${randomBytes(8).toString('hex')}`),
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
