import { createLogger } from '@oioo/config';
import { TaskQueues } from '@oioo/contracts';
import { loadTemporalConfig } from '@oioo/temporal';
import { loadWorkerConfig } from './worker-config';
import { createReadmissionActivities } from './activities/readmission.activities';
import { ServiceClient } from './activities/service-client';
import { createPlatformWorkers } from './worker';

/** Worker process entry: runs until SIGINT/SIGTERM, which the Temporal runtime turns into a graceful shutdown. */
async function main(): Promise<void> {
  const logger = createLogger('worker');
  const temporal = loadTemporalConfig(process.env);
  const settings = loadWorkerConfig(process.env);
  const readmission = createReadmissionActivities({
    identity: new ServiceClient('identity', settings.IDENTITY_URL),
    legalReview: new ServiceClient('legal-review', settings.LEGAL_REVIEW_URL),
    transport: new ServiceClient('transport', settings.TRANSPORT_URL),
  });
  const workers = await createPlatformWorkers(temporal, logger, {
    ...(settings.WORKER_WORKFLOW_BUNDLE ? { bundlePath: settings.WORKER_WORKFLOW_BUNDLE } : {}),
    activities: { [TaskQueues.readmission]: readmission },
  });
  logger.info('polling', { taskQueues: workers.map(({ worker }) => worker.options.taskQueue).join(',') });
  await Promise.all(workers.map((worker) => worker.run()));
  await workers[0]?.connection.close();
  logger.info('stopped');
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
