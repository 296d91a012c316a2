import { z } from 'zod';
import { parseConfig } from '@oioo/config';

/** Settings of the operations command besides Temporal's (TEMPORAL_*), Kafka's (KAFKA_*) and the IdP's (OIDC_*). */
const opsSettingsSchema = z.object({
  /** The casework API, which keeps the operations log. */
  CASEWORK_API_URL: z.url(),
  /** The legal-review service, which keeps the disclosures stream (S3); needed by `audit verify` of that stream only. */
  LEGAL_REVIEW_URL: z.url().optional(),
  /** The workflow bundle `replay` checks; without it, this checkout's workflow code is bundled. */
  WORKER_WORKFLOW_BUNDLE: z.string().min(1).optional(),
});

/** The operations command's own settings. */
export type OpsSettings = z.infer<typeof opsSettingsSchema>;

/** Parses them once; a missing or bad one stops the command naming it. */
export function loadOpsSettings(env: NodeJS.ProcessEnv): OpsSettings {
  return parseConfig('ops', opsSettingsSchema, env);
}
