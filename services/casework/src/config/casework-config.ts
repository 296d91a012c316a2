import { z } from 'zod';
import { parseConfig } from '@oioo/config';
import { DEFAULT_PILOT_ID, pilotIdSchema } from '@oioo/contracts';

/** The casework service's own settings. */
export interface CaseworkConfig {
  /** The pilot whose ledger the ledger routes act on (`ledger:<pilotId>`), the same in every process. */
  pilotId: string;
  /** Most running cases one work-queue listing reads from visibility before it says it was truncated. */
  queueScanLimit: number;
  /** How often each audit stream's chain head is published to Kafka (S2, S3); 0 turns publishing off. */
  chainHeadIntervalSeconds: number;
}

/** Injection token of the parsed {@link CaseworkConfig}. */
export const CASEWORK_CONFIG = Symbol('CASEWORK_CONFIG');

const schema = z.object({
  PILOT_ID: z.preprocess((value) => (value === '' ? undefined : value), pilotIdSchema.optional()),
  CASEWORK_QUEUE_SCAN_LIMIT: z.coerce.number().int().min(100).max(100_000).default(5_000),
  AUDIT_CHAIN_HEAD_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
});

/** Parses the casework variables once at boot; a bad one stops the process naming it. */
export function loadCaseworkConfig(env: NodeJS.ProcessEnv = process.env): CaseworkConfig {
  const parsed = parseConfig('casework', schema, env);
  return { pilotId: parsed.PILOT_ID ?? DEFAULT_PILOT_ID, queueScanLimit: parsed.CASEWORK_QUEUE_SCAN_LIMIT, chainHeadIntervalSeconds: parsed.AUDIT_CHAIN_HEAD_INTERVAL_SECONDS };
}
