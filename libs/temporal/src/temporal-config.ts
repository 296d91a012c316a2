import { booleanVariable, parseConfig, type LogFields } from '@oioo/config';
import { z } from 'zod';

/** Length in bytes of an AES-256 key. */
export const CODEC_KEY_BYTES = 32;

const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/** Where the Temporal cluster is and how to authenticate to it, plus the payload encryption keys. */
export interface TemporalConfig {
  /** `host:port` of the Temporal frontend. */
  readonly address: string;
  /** Namespace every client and worker of this app uses. */
  readonly namespace: string;
  /** TLS settings; `undefined` means a plaintext connection (local development only). */
  readonly tls: TemporalTlsConfig | undefined;
  /** Temporal Cloud API key, sent as a bearer token. */
  readonly apiKey: string | undefined;
  /** Keys of the encrypting payload codec. */
  readonly codec: CodecKeyRing;
  /**
   * Base URL of the data-key vault (the casework service) holding each case's wrapped data key (S4
   * crypto-shredding); `undefined` means this process encrypts with the key ring alone.
   */
  readonly vaultUrl: string | undefined;
  /** How long a process keeps a case's unwrapped data key in memory: the bound on how late a destruction bites there. */
  readonly dataKeyCacheSeconds: number;
}

/** TLS settings of the connection to Temporal; paths are read when a connection is built. */
export interface TemporalTlsConfig {
  /** Client certificate and private key for mTLS (both or neither). */
  readonly clientCertPair: { readonly certPath: string; readonly keyPath: string } | undefined;
  /** CA bundle that signed the server certificate, when the system trust store does not cover it. */
  readonly caPath: string | undefined;
  /** Overrides the name checked against the server certificate (SNI). */
  readonly serverName: string | undefined;
}

/** Encryption keys by id: every key decodes, only the active one encodes (key rotation). */
export interface CodecKeyRing {
  /** The id of the key new payloads are encrypted with. */
  readonly activeKeyId: string;
  /** 32-byte AES keys by key id, in the order they were listed. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** An optional variable: an empty string (as `.env` files often leave it) counts as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Parses `keyId:base64key[,keyId:base64key...]`; messages name entries by position or id, never by key. */
const codecKeysVariable = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'is required: comma-separated keyId:base64key entries of 32-byte AES keys (for example dev-1:<openssl rand -base64 32>)'
        : undefined,
  })
  .transform((value, ctx) => {
    const keys = new Map<string, Buffer>();
    // A trailing comma is a typo, not an empty key.
    const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
    if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'lists no keys' });
    entries.forEach((entry, index) => {
      const position = `entry ${index + 1}`;
      const separator = entry.indexOf(':');
      if (separator < 0) {
        ctx.addIssue({ code: 'custom', message: `${position} is not keyId:base64key` });
        return;
      }
      const id = entry.slice(0, separator);
      const encoded = entry.slice(separator + 1);
      if (!KEY_ID_PATTERN.test(id)) {
        ctx.addIssue({ code: 'custom', message: `${position} has a key id that is not 1-64 characters of [A-Za-z0-9_-]` });
        return;
      }
      if (keys.has(id)) {
        ctx.addIssue({ code: 'custom', message: `key id "${id}" is listed twice` });
        return;
      }
      const key = BASE64_PATTERN.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
      if (key === undefined || key.length !== CODEC_KEY_BYTES) {
        ctx.addIssue({ code: 'custom', message: `key "${id}" must be base64 of exactly ${CODEC_KEY_BYTES} bytes` });
        return;
      }
      keys.set(id, key);
    });
    return keys;
  });

/** The environment variables of the Temporal adapter (namespace `TEMPORAL_*`). */
export const temporalEnvSchema = z
  .object({
    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TLS: optional(booleanVariable),
    TEMPORAL_TLS_CERT_PATH: optional(z.string()),
    TEMPORAL_TLS_KEY_PATH: optional(z.string()),
    TEMPORAL_TLS_CA_PATH: optional(z.string()),
    TEMPORAL_TLS_SERVER_NAME: optional(z.string()),
    TEMPORAL_API_KEY: optional(z.string()),
    TEMPORAL_CODEC_KEYS: z.preprocess((value) => (value === '' ? undefined : value), codecKeysVariable),
    TEMPORAL_CODEC_ACTIVE_KEY: optional(z.string()),
    TEMPORAL_CODEC_VAULT_URL: optional(z.url({ protocol: /^https?$/ })),
    TEMPORAL_CODEC_DATA_KEY_CACHE_SECONDS: z.preprocess((value) => (value === '' || value === undefined ? 300 : value), z.coerce.number().int().min(0).max(3600)),
  })
  .superRefine((env, ctx) => {
    if (env.TEMPORAL_TLS_CERT_PATH !== undefined && env.TEMPORAL_TLS_KEY_PATH === undefined) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_KEY_PATH'], message: 'is required when TEMPORAL_TLS_CERT_PATH is set (mTLS needs both)' });
    }
    if (env.TEMPORAL_TLS_KEY_PATH !== undefined && env.TEMPORAL_TLS_CERT_PATH === undefined) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_CERT_PATH'], message: 'is required when TEMPORAL_TLS_KEY_PATH is set (mTLS needs both)' });
    }
    // An explicit "false" next to settings that only make sense over TLS is a contradiction, not a preference.
    const needsTls = [
      ['TEMPORAL_API_KEY', env.TEMPORAL_API_KEY],
      ['TEMPORAL_TLS_CERT_PATH', env.TEMPORAL_TLS_CERT_PATH],
      ['TEMPORAL_TLS_CA_PATH', env.TEMPORAL_TLS_CA_PATH],
      ['TEMPORAL_TLS_SERVER_NAME', env.TEMPORAL_TLS_SERVER_NAME],
    ].filter(([, value]) => value !== undefined);
    if (env.TEMPORAL_TLS === false && needsTls.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS'], message: `is false but ${needsTls.map(([name]) => name).join(', ')} requires TLS` });
    }
    if (env.TEMPORAL_CODEC_ACTIVE_KEY !== undefined && !env.TEMPORAL_CODEC_KEYS.has(env.TEMPORAL_CODEC_ACTIVE_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_CODEC_ACTIVE_KEY'], message: `"${env.TEMPORAL_CODEC_ACTIVE_KEY}" is not a key id in TEMPORAL_CODEC_KEYS` });
    }
  })
  .transform((env): TemporalConfig => {
    const tlsEnabled =
      env.TEMPORAL_TLS ??
      [env.TEMPORAL_API_KEY, env.TEMPORAL_TLS_CERT_PATH, env.TEMPORAL_TLS_CA_PATH, env.TEMPORAL_TLS_SERVER_NAME].some((value) => value !== undefined);
    const certPath = env.TEMPORAL_TLS_CERT_PATH;
    const keyPath = env.TEMPORAL_TLS_KEY_PATH;
    return {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      tls: tlsEnabled
        ? {
            clientCertPair: certPath !== undefined && keyPath !== undefined ? { certPath, keyPath } : undefined,
            caPath: env.TEMPORAL_TLS_CA_PATH,
            serverName: env.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      apiKey: env.TEMPORAL_API_KEY,
      codec: {
        keys: env.TEMPORAL_CODEC_KEYS,
        // The schema guarantees at least one key, so the first listed always exists.
        activeKeyId: env.TEMPORAL_CODEC_ACTIVE_KEY ?? [...env.TEMPORAL_CODEC_KEYS.keys()][0] ?? '',
      },
      vaultUrl: env.TEMPORAL_CODEC_VAULT_URL,
      dataKeyCacheSeconds: env.TEMPORAL_CODEC_DATA_KEY_CACHE_SECONDS,
    };
  });

/** Parses the `TEMPORAL_*` variables once at boot; a missing or malformed one throws a `ConfigError` naming it. */
export function loadTemporalConfig(env: Record<string, string | undefined> = process.env, app = 'temporal'): TemporalConfig {
  return parseConfig(app, temporalEnvSchema, env);
}

/** Log-safe summary of a configuration: no API key, no key material, only key ids. */
export function describeTemporalConfig(config: TemporalConfig): LogFields {
  return {
    address: config.address,
    namespace: config.namespace,
    tls: config.tls !== undefined,
    mtls: config.tls?.clientCertPair !== undefined,
    apiKey: config.apiKey !== undefined,
    codecKeyIds: [...config.codec.keys.keys()].join(','),
    codecActiveKeyId: config.codec.activeKeyId,
    caseDataKeys: config.vaultUrl !== undefined,
  };
}
