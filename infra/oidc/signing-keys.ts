import { type JsonWebKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, writePrivateJson } from './private-file';

/** A private RSA signing key as the provider's `jwks` option takes it. */
export type SigningJwk = JsonWebKey & { kty: 'RSA'; kid: string; alg: 'RS256'; use: 'sig' };

/** The provider's private key set: the first key signs, the others stay published so tokens they signed still verify. */
export interface SigningKeySet {
  keys: SigningJwk[];
}

/** How many keys a rotation keeps (the new active one and the ones before it), so the set does not grow forever. */
export const RETAINED_SIGNING_KEYS = 3;

/** Where a provider's private signing keys live inside its data folder. */
export function signingKeysFile(dir: string): string {
  return join(dir, 'jwks.json');
}

/** A new RS256 key with a kid that says when it was made, so the JWKS shows the rotation order. */
export function newSigningKey(now = new Date()): SigningJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `rs256-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
  return { ...privateKey.export({ format: 'jwk' }), kty: 'RSA', kid, alg: 'RS256', use: 'sig' };
}

/** The key set of the folder, made (one key) on first use and kept, so tokens outlive a provider restart. */
export function ensureSigningKeys(dir: string): SigningKeySet {
  const file = signingKeysFile(dir);
  if (existsSync(file)) return readSigningKeys(file);
  const keySet = { keys: [newSigningKey()] };
  writePrivateJson(file, keySet);
  return keySet;
}

/**
 * Puts a new key first (the provider signs with the first RS256 key) and keeps the previous ones for
 * verification, up to RETAINED_SIGNING_KEYS in all. The provider reads the set when it starts.
 */
export function rotateSigningKeys(dir: string): { activeKid: string; retiredKids: string[]; droppedKids: string[] } {
  const current = ensureSigningKeys(dir).keys;
  const added = newSigningKey();
  const keys = [added, ...current].slice(0, RETAINED_SIGNING_KEYS);
  writePrivateJson(signingKeysFile(dir), { keys });
  return {
    activeKid: added.kid,
    retiredKids: keys.slice(1).map((key) => key.kid),
    droppedKids: current.slice(RETAINED_SIGNING_KEYS - 1).map((key) => key.kid),
  };
}

/** Reads a key set, refusing one without keys or with keys missing what the provider needs. */
export function readSigningKeys(file: string): SigningKeySet {
  const value = readJson(file) as Partial<SigningKeySet> | null;
  const keys = value?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${file} holds no signing keys; delete it to have one made.`);
  for (const key of keys) {
    if (key.kty !== 'RSA' || typeof key.d !== 'string' || typeof key.kid !== 'string' || key.alg !== 'RS256') {
      throw new Error(`${file}: every key must be a private RS256 RSA key with a kid.`);
    }
  }
  return { keys };
}
