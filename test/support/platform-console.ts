import { randomBytes } from 'node:crypto';
import { type Server } from 'node:http';
import { join } from 'node:path';
import { createLogger } from '@oioo/config';
import { ConsoleOidcClient, createConsoleApp, loadConsoleConfig } from '@oioo/console';
import { type Database, createDatabase, loadMigrations, runMigrations } from '@oioo/database';
import { stackEnv } from './stack';

/** The console as the end-to-end platform runs it: its own in-memory database, on the address the provider expects. */
export interface RunningConsole {
  url: string;
  /** The console's session database, so a test can end a session as time would. */
  db: Database;
  stop(): Promise<void>;
}

/** Starts the console in this process against the platform's casework API and the stack's provider. */
export async function startPlatformConsole(caseworkApiUrl: string): Promise<RunningConsole> {
  const env = stackEnv();
  const publicUrl = env['CONSOLE_PUBLIC_URL'];
  if (!publicUrl) throw new Error('CONSOLE_PUBLIC_URL is not set: run the tests through `npm test`, which registers the console at the provider');
  const port = new URL(publicUrl).port;
  const config = loadConsoleConfig({ ...env, HTTP_PORT: port, CASEWORK_API_URL: caseworkApiUrl, CONSOLE_SESSION_SECRET: randomBytes(32).toString('base64url') });
  const logger = createLogger('e2e-console');
  const db = await createDatabase({ driver: 'pglite' }, { schema: 'console', logger });
  await runMigrations(db, { schema: 'console', migrations: loadMigrations(join(require.resolve('@oioo/console'), '..', 'migrations')), logger });
  const oidc = await ConsoleOidcClient.discover(config);
  const server: Server = await new Promise((resolve) => {
    const listening = createConsoleApp({ config, db, oidc, logger }).listen(config.port, config.host, () => resolve(listening));
  });
  return {
    url: publicUrl.replace(/\/$/, ''),
    db,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
