export { databaseConfigSchema, databaseDrivers, loadDatabaseConfig, type DatabaseConfig, type DatabaseDriver } from './database-config';
export type { Database, Queryable, QueryResult } from './database';
export { DatabaseClosedError, MigrationError, MigrationFileError, SchemaNameError, TransactionMisuseError } from './database.errors';
export { SCHEMA_NAME, assertSchemaName } from './schema-name';
export { createDatabase, type CreateDatabaseOptions } from './create-database';
export { openPgliteDatabase, type PgliteDatabaseOptions } from './pglite-database';
export { openPostgresDatabase, type PostgresDatabaseOptions } from './postgres-database';
export { MIGRATION_FILE_NAME, loadMigrations, type Migration } from './migration-files';
export { runMigrations, type MigrationReport, type RunMigrationsOptions } from './migration-runner';
export { DatabaseHealthIndicator } from './database-health.indicator';
export { DatabaseModule, type DatabaseModuleOptions } from './database.module';
export { DATABASE, DATABASE_CONFIG } from './database.tokens';
export * from './audit';
export {
  PRUNINGS_TABLE,
  appendChained,
  appendChainedIn,
  chainHeadOf,
  latestPruning,
  readChain,
  readChainPage,
  type AppendedEntry,
  type AuditFieldValue,
  type ChainPage,
} from './audit/audit-table';
export { pruneChained, type PruneOutcome } from './audit/audit-pruning';
export { isoTimestamp, isoTimestampOrNull } from './timestamps';
