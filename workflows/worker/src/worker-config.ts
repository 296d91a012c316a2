import { z } from 'zod';
import { parseConfig } from '@oioo/config';

/** Settings of the worker process beyond the shared `TEMPORAL_*` ones. */
const workerConfigSchema = z.object({
  /** A workflow bundle built ahead of time (`nx run worker:bundle`); without it the worker bundles at start. */
  WORKER_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Base URLs of the services whose APIs the activities call. */
  IDENTITY_URL: z.url().default('http://127.0.0.1:3101'),
  LEGAL_REVIEW_URL: z.url().default('http://127.0.0.1:3102'),
  TRANSPORT_URL: z.url().default('http://127.0.0.1:3103'),
});

/** Parsed worker settings. */
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** Parses the worker's settings, failing fast on a bad variable. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  return parseConfig('worker', workerConfigSchema, env);
}
