import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { createLogger, type Logger } from '@oioo/config';
// Test-only: the throwaway server lives in infra (node built-ins only) so provisioning scripts can use it too.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../../infra/postgres/throwaway-postgres';
import { type Database } from '../database';
import { type DatabaseDriver } from '../database-config';
import { openPgliteDatabase } from '../pglite-database';
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

/** Test support only: PGlite in memory, each test starting from a copy of a template made once (skipping initdb). */
export function pgliteHarness(): DriverHarness {
  let template: Blob | undefined;
  let current: { schema: string; database: Database } | undefined;
  return {
    driver: 'pglite',
    async setup() {
      const pglite = await PGlite.create();
      template = (await pglite.dumpDataDir('none')) as Blob;
      await pglite.close();
    },
    async teardown() {
      template = undefined;
    },
    async open(schema = 'identity') {
      if (current) {
        if (current.schema !== schema) throw new Error(`PGlite harness: this test already opened schema ${current.schema}`);
        return current.database;
      }
      const database = await openPgliteDatabase({ schema, ...(template ? { loadDataDir: template } : {}) });
      current = { schema, database };
      return database;
    },
    async reset() {
      await current?.database.close();
      current = undefined;
    },
  };
}

/** Test support only: a throwaway PostgreSQL for the file, and a new database on it for each test. */
export function postgresHarness(): DriverHarness {
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
      server = await startThrowawayPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'oioo-pg-')), log: () => undefined });
    },
    async teardown() {
      await server?.stop();
      server = undefined;
    },
    async open(schema = 'identity') {
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
      const database = await openPostgresDatabase({ schema, url: urlOf(await testDatabase), poolMax: 10, logger: quietLogger });
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
