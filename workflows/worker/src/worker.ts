import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TaskQueue, TaskQueues } from '@oioo/contracts';
import { type Logger } from '@oioo/config';
import { type TemporalConfig, type TemporalWorker, createTemporalNativeConnection, createTemporalWorker, workflowTracingModules, writeWorkflowBundle } from '@oioo/temporal';

/** Task queues this worker process serves, each with its own SDK worker. */
const SERVED_QUEUES = [TaskQueues.readmission, TaskQueues.legalRoute, TaskQueues.equivalence, TaskQueues.platform] as const;

/** Path of the module the workflow bundle starts from. */
export const WORKFLOWS_ENTRY = require.resolve('./workflows');

/**
 * Creates one SDK worker per task queue on a shared connection and a single workflow bundle, so
 * start-up bundles once however many queues the process serves.
 */
export async function createPlatformWorkers(
  config: TemporalConfig,
  logger: Logger,
  options: { bundlePath?: string; activities?: Partial<Record<TaskQueue, object>> } = {},
): Promise<TemporalWorker[]> {
  const { bundlePath } = options;
  const codePath = bundlePath ?? (await writeWorkflowBundle({ workflowsPath: WORKFLOWS_ENTRY, workflowInterceptorModules: workflowTracingModules(), outFile: join(tmpdir(), `oioo-workflows-${process.pid}.js`) }));
  logger.info('workflow bundle ready', { prebuilt: bundlePath !== undefined });
  const connection = await createTemporalNativeConnection(config);
  return Promise.all(
    SERVED_QUEUES.map((taskQueue) =>
      createTemporalWorker({ config, taskQueue, connection, activities: options.activities?.[taskQueue] ?? {}, workflows: { bundlePath: codePath } }),
    ),
  );
}
