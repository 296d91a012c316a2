import { createLogger, type Logger } from '@oioo/config';
import { type Database, type Queryable } from './database';
import { MigrationError } from './database.errors';
import { type Migration, pad } from './migration-files';
import { assertSchemaName, quotedSchema } from './schema-name';

/** Options of {@link runMigrations}. */
export interface RunMigrationsOptions {
  /** The schema the migrations build; created when missing. */
  schema: string;
  /** From {@link loadMigrations}: sorted, versions 1…n. */
  migrations: readonly Migration[];
  logger?: Logger;
}

/** What a migration run did. */
export interface MigrationReport {
  schema: string;
  /** Versions this run applied, in order. */
  applied: number[];
  /** Versions found already applied (by an earlier start or by another instance meanwhile). */
  alreadyApplied: number[];
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings a service's schema up to date. Creates the schema and its `schema_migrations` table when
 * missing, refuses to continue when an applied migration's file has changed, then applies each pending
 * migration in its own transaction with `search_path` set to the schema. Every transaction first takes
 * `pg_advisory_xact_lock(hashtext(schema))`, so instances starting together apply each migration once:
 * the second waits, then finds it applied.
 */
export async function runMigrations(db: Pick<Database, 'transaction'>, options: RunMigrationsOptions): Promise<MigrationReport> {
  const schema = assertSchemaName(options.schema);
  const logger = options.logger ?? createLogger('database');
  const table = `${quotedSchema(schema)}.schema_migrations`;
  const started = Date.now();
  const report: MigrationReport = { schema, applied: [], alreadyApplied: [] };

  const applied = await db.transaction(async (tx) => {
    await lockSchema(tx, schema);
    // Checked first because CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
    const exists = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await tx.exec(`CREATE SCHEMA ${quotedSchema(schema)}`);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    return (await tx.query<AppliedRow>(`SELECT version, name, checksum FROM ${table} ORDER BY version`)).rows;
  });

  const byVersion = new Map(applied.map((row) => [row.version, row]));
  for (const migration of options.migrations) {
    const row = byVersion.get(migration.version);
    if (row) assertUnchanged(schema, migration, row);
  }
  const known = new Set(options.migrations.map((migration) => migration.version));
  const unknown = applied.filter((row) => !known.has(row.version));
  if (unknown.length > 0) {
    // Expected for a moment during a rolling deploy: a newer release already migrated. Migrations must stay backward compatible.
    logger.warn('Schema has migrations this release does not know', { schema, versions: unknown.map((row) => pad(row.version)).join(',') });
  }
  const newestApplied = Math.max(0, ...applied.map((row) => row.version));
  const pending = options.migrations.filter((migration) => !byVersion.has(migration.version));
  const outOfOrder = pending.find((migration) => migration.version < newestApplied);
  if (outOfOrder) {
    throw new MigrationError(schema, outOfOrder.name, `is not applied, but the later version ${pad(newestApplied)} is; add new migrations after the last applied one`);
  }

  for (const migration of options.migrations) {
    if (byVersion.has(migration.version)) {
      report.alreadyApplied.push(migration.version);
      continue;
    }
    const migrationStarted = Date.now();
    const appliedNow = await applyOne(db, schema, table, migration);
    if (appliedNow) {
      report.applied.push(migration.version);
      logger.info('Applied migration', { schema, version: pad(migration.version), migration: migration.name, durationMs: Date.now() - migrationStarted });
    } else {
      report.alreadyApplied.push(migration.version);
    }
  }
  logger.info('Schema up to date', {
    schema,
    version: pad(options.migrations.length),
    applied: report.applied.length,
    alreadyApplied: report.alreadyApplied.length,
    durationMs: Date.now() - started,
  });
  return report;
}

/** Applies one migration and records it, unless another instance did while this one waited for the lock. */
async function applyOne(db: Pick<Database, 'transaction'>, schema: string, table: string, migration: Migration): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      await lockSchema(tx, schema);
      const existing = (await tx.query<AppliedRow>(`SELECT version, name, checksum FROM ${table} WHERE version = $1`, [migration.version])).rows[0];
      if (existing) {
        assertUnchanged(schema, migration, existing);
        return false;
      }
      // LOCAL: ends with this transaction, so the session's own search_path is untouched.
      await tx.exec(`SET LOCAL search_path TO ${quotedSchema(schema)}`);
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO ${table} (version, name, checksum) VALUES ($1, $2, $3)`, [migration.version, migration.name, migration.checksum]);
      return true;
    });
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(schema, migration.name, `failed and was rolled back: ${(error as Error).message}`, { cause: error });
  }
}

/** Serialises migration work on one schema across every instance connected to the database. */
async function lockSchema(tx: Queryable, schema: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
}

function assertUnchanged(schema: string, migration: Migration, row: AppliedRow): void {
  if (row.checksum === migration.checksum) return;
  throw new MigrationError(
    schema,
    migration.name,
    `the file changed after it was applied (as ${row.name}; checksum in the database ${row.checksum.slice(0, 12)}…, in the file ${migration.checksum.slice(0, 12)}…). ` +
      'Applied migrations must not be edited: restore the file and add a new migration for the change.',
  );
}
