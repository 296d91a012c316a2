import { type DataConverter } from '@temporalio/common';
import { ClientCredentialsTokenSource, loadClientCredentialsConfig } from '@oioo/auth';
import { type CaseDataKeys, DEFAULT_DATA_KEY_CACHE, EnvelopedCaseDataKeys } from './data-keys/case-data-keys';
import { HttpDataKeyStore, type VaultRoutes, type VaultTokenSource } from './data-keys/http-data-key-store';
import { createEncryptionCodec } from './encryption.codec';
import { type TemporalConfig } from './temporal-config';

/** How a process reaches the case data keys: given (the vault's own process, tests), or from the environment. */
export interface DataKeyOptions {
  /** The case data keys to use instead of the configured vault. */
  dataKeys?: CaseDataKeys;
}

/**
 * The case data keys of a process that is not the vault: the configured vault over HTTP with the process's own
 * client-credentials token (`OIDC_CLIENT_ID`...), or `undefined` when `TEMPORAL_CODEC_VAULT_URL` is not set.
 */
export function vaultCaseDataKeys(
  config: Pick<TemporalConfig, 'codec' | 'vaultUrl' | 'dataKeyCacheSeconds'>,
  tokens?: VaultTokenSource,
  routes?: VaultRoutes,
  env: Record<string, string | undefined> = process.env,
): CaseDataKeys | undefined {
  if (config.vaultUrl === undefined) return undefined;
  const source = tokens ?? new ClientCredentialsTokenSource(loadClientCredentialsConfig(env, 'temporal-codec'));
  return new EnvelopedCaseDataKeys(new HttpDataKeyStore(config.vaultUrl, source, routes), config.codec, { ...DEFAULT_DATA_KEY_CACHE, ttlMs: config.dataKeyCacheSeconds * 1000 });
}

/**
 * The data converter every client and worker of the platform uses: default JSON conversion, then encryption
 * (per case when data keys are at hand). Client and worker must agree on it, or one side cannot read what the
 * other wrote.
 */
export function temporalDataConverter(config: Pick<TemporalConfig, 'codec' | 'vaultUrl' | 'dataKeyCacheSeconds'>, options: DataKeyOptions = {}): DataConverter {
  return { payloadCodecs: [createEncryptionCodec(config, options.dataKeys ?? vaultCaseDataKeys(config))] };
}
