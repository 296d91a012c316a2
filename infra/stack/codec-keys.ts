import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The payload-encryption key ring of a local stack, as `TEMPORAL_CODEC_KEYS` expects it. A key is made
 * on first start and kept beside the data it protects, so the history stays readable across restarts;
 * production supplies its keys from a secret store instead.
 */
export function localCodecKeys(keyFile: string): { keys: string; activeKey: string } {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, `local-1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  const keys = readFileSync(keyFile, 'utf8').trim();
  return { keys, activeKey: keys.split(':')[0] ?? 'local-1' };
}
