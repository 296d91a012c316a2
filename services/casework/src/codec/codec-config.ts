import { z } from 'zod';
import { parseConfig } from '@oioo/config';
import { loadTemporalConfig } from '@oioo/temporal';

/** The codec server's settings (a route group of the casework service). */
export interface CodecServerConfig {
  /** Origins of the Temporal Web UI allowed to call the codec from a browser (CORS); no other origin gets a grant. */
  corsOrigins: readonly string[];
  /** How long one person's look at one case through the codec counts as one consultation (S3). */
  consultationWindowMs: number;
  /** The Temporal namespace whose payloads this codec decodes (`TEMPORAL_NAMESPACE`); a request for another is refused. */
  namespace: string;
}

/** Injection token of the parsed {@link CodecServerConfig}. */
export const CODEC_SERVER_CONFIG = Symbol('CODEC_SERVER_CONFIG');

const origin = z.url().refine((value) => new URL(value).origin === value, 'must be an origin: scheme, host and port, no path or trailing slash');

const schema = z.object({
  CODEC_CORS_ORIGINS: z
    .string()
    .default('http://127.0.0.1:8233,http://localhost:8233')
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
    .pipe(z.array(origin)),
  CODEC_CONSULTATION_WINDOW_SECONDS: z.coerce.number().int().min(0).max(24 * 60 * 60).default(300),
});

/** Parses the codec server's variables once at boot; a bad one stops the process naming it. */
export function loadCodecServerConfig(env: NodeJS.ProcessEnv = process.env): CodecServerConfig {
  const parsed = parseConfig('casework', schema, env);
  return { corsOrigins: parsed.CODEC_CORS_ORIGINS, consultationWindowMs: parsed.CODEC_CONSULTATION_WINDOW_SECONDS * 1000, namespace: loadTemporalConfig(env, 'casework').namespace };
}
