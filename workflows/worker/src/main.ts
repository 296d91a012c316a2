import { createLogger } from '@oioo/config';
import { loadTemporalConfig } from '@oioo/temporal';
import { loadWorkerConfig } from './worker-config';
import { createPlatformWorkers } from './worker';

/** Worker process entry: runs until SIGINT/SIGTERM, which the Temporal runtime turns into a graceful shutdown. */
async function main(): Promise<void> {
  const logger = createLogger('worker');
  const temporal = loadTemporalConfig(process.env);
  const { WORKER_WORKFLOW_BUNDLE } = loadWorkerConfig(process.env);
  const workers = await createPlatformWorkers(temporal, logger, WORKER_WORKFLOW_BUNDLE);
  logger.info('polling', { taskQueues: workers.map(({ worker }) => worker.options.taskQueue).join(',') });
  await Promise.all(workers.map((worker) => worker.run()));
  await workers[0]?.connection.close();
  logger.info('stopped');
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
