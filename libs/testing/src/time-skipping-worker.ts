import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { startTimeSkippingEnvironment } from './time-skipping-environment';
import { cachedWorkflowBundle } from './workflow-bundles';

/** A time-skipping test server with one worker polling a task queue, for workflow tests. */
export interface TimeSkippingWorker {
  env: TestWorkflowEnvironment;
  /** Stops the worker, then the test server. */
  stop(): Promise<void>;
}

/** Starts the Java time-skipping test server and a worker on it running the given workflows (and activities, if any). */
export async function startTimeSkippingWorker(input: { taskQueue: string; workflowsPath: string; activities?: object }): Promise<TimeSkippingWorker> {
  const env = await startTimeSkippingEnvironment();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: input.taskQueue,
    workflowBundle: await cachedWorkflowBundle(input.workflowsPath),
    activities: input.activities,
  });
  const running = worker.run();
  return {
    env,
    stop: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
