import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, writePrivateJson } from './private-file';

/** Where the keys that sign the provider's cookies live inside its data folder. */
export function cookieKeysFile(dir: string): string {
  return join(dir, 'cookie-keys.json');
}

/** The cookie-signing keys, made on first use and kept, so a sign-in in progress survives a provider restart. */
export function ensureCookieKeys(dir: string): string[] {
  const file = cookieKeysFile(dir);
  if (existsSync(file)) {
    const keys = readJson(file);
    if (Array.isArray(keys) && keys.length > 0 && keys.every((key) => typeof key === 'string' && key.length >= 32)) return keys as string[];
    throw new Error(`${file} must hold a list of cookie keys of at least 32 characters; delete it to have one made.`);
  }
  const keys = [randomBytes(32).toString('base64url')];
  writePrivateJson(file, keys);
  return keys;
}
