import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { createLogger, type Logger } from '@oioo/config';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@oioo/testing';
import { type Database } from '../database';
import { type DatabaseDriver } from '../database-config';
import { pgliteColumnParsers } from '../column-types';
import { pgliteDatabaseOn } from '../pglite-database';
import { PGLITE_EXTENSIONS } from '../pglite-extensions';
import { openPostgresDatabase } from '../postgres-database';

/** Test support only: one driver's databases for a parameterised suite. */
export interface DriverHarness {
  readonly driver: DatabaseDriver;
  /** beforeAll: PGlite prepares a template; postgres starts a throwaway server (installing it if needed). */
  setup(): Promise<void>;
  /** afterAll: stops what setup started. */
  teardown(): Promise<void>;
  /**
   * A handle on this test's database with `schema` as search_path. PGlite has one connection, so every
   * call in a test returns the same handle; postgres opens a new pool each time, like another instance.
   */
  open(schema?: string): Promise<Database>;
  /** afterEach: closes what the test opened; the next test gets a new, empty database. */
  reset(): Promise<void>;
}

/** A logger that drops everything, for tests that do not inspect logs. */
export const quietLogger: Logger = createLogger('database-test', {}, () => undefined);

/**
 * Test support only: one in-memory PGlite for the file (starting one costs about a second). Between
 * tests every schema is dropped, so each test starts from an empty database.
 */
export function pgliteHarness(): DriverHarness {
  let pglite: PGlite | undefined;
  // A promise, so handles opened at the same moment still share one Database.
  let current: { schema: string; database: Promise<Database> } | undefined;
  return {
    driver: 'pglite',
    async setup() {
      pglite = await PGlite.create({ parsers: pgliteColumnParsers, extensions: PGLITE_EXTENSIONS });
    },
    async teardown() {
      await pglite?.close();
      pglite = undefined;
    },
    async open(schema = 'identity') {
      if (!pglite) throw new Error('PGlite harness: setup() has not run');
      if (current && current.schema !== schema) throw new Error(`PGlite harness: this test already opened schema ${current.schema}`);
      current ??= { schema, database: pgliteDatabaseOn(pglite, schema, { closesInstance: false }) };
      return current.database;
    },
    async reset() {
      const opened = current?.database;
      current = undefined;
      await (await opened)?.close();
      if (!pglite) return;
      const schemas = await pglite.query<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')`,
      );
      for (const { name } of schemas.rows) await pglite.exec(`DROP SCHEMA "${name}" CASCADE`);
    },
  };
}

/** Test support only: the postgres harness, which can also hand out its test database's URL. */
export interface PostgresHarness extends DriverHarness {
  /** The URL of this test's database (created on first use). */
  databaseUrl(): Promise<string>;
}

/** Test support only: a throwaway PostgreSQL for the file, and a new database on it for each test. */
export function postgresHarness(): PostgresHarness {
  let server: ThrowawayPostgres | undefined;
  let testDatabase: Promise<string> | undefined;
  let counter = 0;
  const opened: Database[] = [];
  const urlOf = (database: string) => {
    if (!server) throw new Error('postgres harness: setup() has not run');
    return server.url.replace(/\/[^/]+$/, `/${database}`);
  };
  return {
    driver: 'postgres',
    async setup() {
      server = await startThrowawayPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'oioo-pg-')) });
    },
    async teardown() {
      await server?.stop();
      server = undefined;
    },
    async databaseUrl() {
      // Memoised as a promise: a test may open several handles at once.
      testDatabase ??= (async () => {
        const name = `test_${++counter}`;
        const admin = new Client({ connectionString: urlOf('postgres') });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE ${name}`);
        } finally {
          await admin.end();
        }
        return name;
      })();
      return urlOf(await testDatabase);
    },
    async open(schema = 'identity') {
      const database = await openPostgresDatabase({ schema, url: await this.databaseUrl(), poolMax: 10, logger: quietLogger });
      opened.push(database);
      return database;
    },
    async reset() {
      await Promise.all(opened.splice(0).map((database) => database.close()));
      testDatabase = undefined;
    },
  };
}

/** Test support only: every driver, for `describe.each`. */
export function allDriverHarnesses(): DriverHarness[] {
  return [pgliteHarness(), postgresHarness()];
}

/** Test support only: registers the harness's hooks in the enclosing describe; installing PostgreSQL may take minutes. */
export function useHarness(harness: DriverHarness): void {
  beforeAll(() => harness.setup(), 300_000);
  afterEach(() => harness.reset());
  afterAll(() => harness.teardown(), 60_000);
}
