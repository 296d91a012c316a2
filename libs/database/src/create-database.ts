import { createLogger, type Logger } from '@oioo/config';
import { type Database } from './database';
import { type DatabaseConfig } from './database-config';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';
import { assertSchemaName } from './schema-name';

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** The service's own schema (`identity`, `legal_review`, `transport`): unqualified names resolve to it. */
  schema: string;
  logger?: Logger;
}

/** Opens the service's database with the configured driver, its sessions scoped to the service's schema. */
export async function createDatabase(config: DatabaseConfig, options: CreateDatabaseOptions): Promise<Database> {
  const schema = assertSchemaName(options.schema);
  const logger = options.logger ?? createLogger('database');
  const started = Date.now();
  if (config.driver === 'postgres') {
    const database = await openPostgresDatabase({ schema, url: config.url, poolMax: config.poolMax, logger });
    logger.info('Database open', { driver: 'postgres', schema, poolMax: config.poolMax, durationMs: Date.now() - started });
    return database;
  }
  const database = await openPgliteDatabase({ schema, ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }) });
  logger.info('Database open', { driver: 'pglite', schema, storage: config.dataDir === undefined ? 'memory' : 'folder', durationMs: Date.now() - started });
  return database;
}
