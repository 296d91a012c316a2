import { parseConfig } from '@oioo/config';
import { type RetentionPolicy, retentionPolicyEnvSchema } from '@oioo/contracts';

/** Injection token of the retention policy (S4) the service sweeps by. */
export const CASEWORK_RETENTION = Symbol('CASEWORK_RETENTION');

/** Parses the `RETENTION_*` variables once at boot; a bad one stops the process naming it. */
export function loadCaseworkRetention(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  return parseConfig('casework', retentionPolicyEnvSchema, env);
}
