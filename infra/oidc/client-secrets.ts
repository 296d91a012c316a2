import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readJson, writePrivateJson } from './private-file';
import { SERVICE_CLIENT_IDS } from './oidc-contract';

/** The service clients' secrets, by client id, as the clients file (`OIDC_CLIENT_SECRETS_FILE`) holds them. */
export type ClientSecrets = Readonly<Record<string, string>>;

/**
 * Makes sure the clients file holds a secret for every client id and returns them all. Secrets already
 * there are kept, so a restart (or a component started earlier) keeps working; only missing ones are made.
 */
export function ensureClientSecrets(file: string, clientIds: readonly string[] = SERVICE_CLIENT_IDS): ClientSecrets {
  const existing = existsSync(file) ? readClientSecrets(file) : {};
  const missing = clientIds.filter((clientId) => existing[clientId] === undefined);
  if (missing.length === 0 && existsSync(file)) return existing;
  const secrets = { ...existing, ...Object.fromEntries(missing.map((clientId) => [clientId, randomBytes(32).toString('base64url')])) };
  writePrivateJson(file, secrets);
  return secrets;
}

/** Reads the clients file, refusing anything but an object of non-empty strings. */
export function readClientSecrets(file: string): ClientSecrets {
  const value = readJson(file);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file} must hold an object of client id to secret.`);
  for (const [clientId, secret] of Object.entries(value)) {
    if (typeof secret !== 'string' || secret.length === 0) throw new Error(`${file}: the secret of ${clientId} must be a non-empty string.`);
  }
  return value as ClientSecrets;
}

/** The secret of one client from the clients file; throws naming the client when it has none. */
export function clientSecretFrom(file: string, clientId: string): string {
  const secret = readClientSecrets(file)[clientId];
  if (secret === undefined) throw new Error(`${file} holds no secret for ${clientId}; start the stack once to make it.`);
  return secret;
}
