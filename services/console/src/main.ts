import { join } from 'node:path';
import { createLogger } from '@oioo/config';
import { createDatabase, loadDatabaseConfig, loadMigrations, runMigrations } from '@oioo/database';
import { loadMetricsConfig, startMetricsEndpoint, startTracing } from '@oioo/observability';
import { createConsoleApp } from './app/create-app';
import { ConsoleOidcClient } from './auth/oidc-client';
import { loadConsoleConfig } from './config/console-config';

/** Starts the console: its settings, its session database, the provider's discovery, then the HTTP listener and the metrics one. */
async function main(): Promise<void> {
  const logger = createLogger('console');
  const config = loadConsoleConfig();
  const metrics = loadMetricsConfig();
  startTracing('console');
  const db = await createDatabase(loadDatabaseConfig(), { schema: 'console', logger });
  await runMigrations(db, { schema: 'console', migrations: loadMigrations(join(__dirname, 'migrations')), logger });
  const oidc = await ConsoleOidcClient.discover(config);
  const server = createConsoleApp({ config, db, oidc, logger }).listen(config.port, config.host, () => logger.info('listening', { url: config.publicUrl.toString() }));
  await startMetricsEndpoint('console', metrics);
  const stop = () => server.close(() => void db.close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`console: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
