import { z } from 'zod';
import { parseConfig } from '@oioo/config';

/** The identity service's own settings, parsed once at boot. */
export interface IdentityConfig {
  /** Lowest similarity score (0–1] that counts as a biometric match (R11, E4). */
  matchThreshold: number;
  /** Demonstration only: the compression new readmission cases run their deadlines at (1 = real time). */
  readmissionTimeCompression: number;
}

/** Default of `IDENTITY_MATCH_THRESHOLD`: near-identical samples only. */
export const DEFAULT_MATCH_THRESHOLD = 0.9;

/** The `IDENTITY_*` variables; an empty value counts as unset. */
export const identityConfigSchema = z
  .object({
    IDENTITY_MATCH_THRESHOLD: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.coerce.number({ message: 'must be a number' }).gt(0, 'must be above 0').max(1, 'must be at most 1').optional(),
    ),
    READMISSION_TIME_COMPRESSION: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.coerce.number({ message: 'must be a number' }).min(1, 'must be at least 1 (1 = real time)').optional(),
    ),
  })
  .transform(
    (env): IdentityConfig => ({
      matchThreshold: env.IDENTITY_MATCH_THRESHOLD ?? DEFAULT_MATCH_THRESHOLD,
      readmissionTimeCompression: env.READMISSION_TIME_COMPRESSION ?? 1,
    }),
  );

/** Parses the identity settings; a bad variable throws a `ConfigError` naming it. */
export function loadIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  return parseConfig('identity', identityConfigSchema, env);
}

/** Injection token of the parsed {@link IdentityConfig}. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
