import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { consoleUrl } from '../oidc/oidc-stack';
import type { StackProfile } from './stack-profile';

/**
 * The console's session-cookie secret for a local stack: made on first start and kept with the stack's
 * data, so sessions survive a restart; production supplies it from a secret store.
 */
export function localSessionSecret(profile: StackProfile): string {
  const file = join(profile.dataDir, 'console-session-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** What the console needs beside the stack's environment: the casework API, its public address and its cookie secret. */
export function consoleEnvironment(profile: StackProfile, caseworkApiUrl: string = `http://127.0.0.1:${profile.services.casework}`): NodeJS.ProcessEnv {
  return {
    CASEWORK_API_URL: caseworkApiUrl,
    CONSOLE_PUBLIC_URL: consoleUrl(profile),
    CONSOLE_SESSION_SECRET: localSessionSecret(profile),
  };
}
