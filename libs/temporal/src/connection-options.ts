import { readFileSync } from 'node:fs';
import { ConfigError } from '@oioo/config';
import type { TLSConfig } from '@temporalio/client';
import { type TemporalConfig } from './temporal-config';

/** Connection settings accepted by both `Connection.connect` (client) and `NativeConnection.connect` (worker). */
export interface TemporalConnectionOptions {
  /** `host:port` of the Temporal frontend. */
  address: string;
  /** TLS settings, or `false` for plaintext. */
  tls: TLSConfig | false;
  /** Temporal Cloud API key, sent as `Authorization: Bearer ...`. */
  apiKey?: string;
}

/** Reads a file's bytes; injectable so the options can be built without touching the disk. */
export type ReadFile = (path: string) => Uint8Array;

/**
 * Builds the connection options from the configuration, reading the TLS files it names. Pure apart from
 * `readFile`; a file that cannot be read fails with a `ConfigError` naming the variable that points at it.
 */
export function connectionOptions(config: TemporalConfig, readFile: ReadFile = readFileSync): TemporalConnectionOptions {
  const read = (variable: string, path: string): Uint8Array => {
    try {
      return readFile(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError('temporal', [{ variable, problem: `cannot read ${path} (${reason})` }]);
    }
  };
  const { tls } = config;
  const options: TemporalConnectionOptions = {
    address: config.address,
    tls:
      tls === undefined
        ? false
        : {
            ...(tls.clientCertPair && {
              clientCertPair: {
                crt: read('TEMPORAL_TLS_CERT_PATH', tls.clientCertPair.certPath),
                key: read('TEMPORAL_TLS_KEY_PATH', tls.clientCertPair.keyPath),
              },
            }),
            ...(tls.caPath !== undefined && { serverRootCACertificate: read('TEMPORAL_TLS_CA_PATH', tls.caPath) }),
            ...(tls.serverName !== undefined && { serverNameOverride: tls.serverName }),
          },
  };
  if (config.apiKey !== undefined) options.apiKey = config.apiKey;
  return options;
}
