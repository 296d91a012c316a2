import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pgliteColumnParsers } from './column-types';
import { type Database, type Queryable, type QueryResult } from './database';
import { DatabaseClosedError } from './database.errors';
import { answersWithin } from './health-probe';
import { PGLITE_EXTENSIONS } from './pglite-extensions';
import { assertSchemaName, quotedSchema } from './schema-name';
import { assertOutsideTransaction, guardedTransaction, runInTransactionScope } from './transaction-scope';

/** Options of {@link openPgliteDatabase}. */
export interface PgliteDatabaseOptions {
  /** The service's schema, used as `search_path`. */
  schema: string;
  /** Folder for the data files; absent means in memory, lost when the process ends. */
  dataDir?: string;
}

/**
 * Opens PGlite: real PostgreSQL compiled to WebAssembly, running in this process on one connection.
 * Only one process may open a data folder at a time.
 */
export async function openPgliteDatabase(options: PgliteDatabaseOptions): Promise<Database> {
  const schema = assertSchemaName(options.schema);
  // PGlite creates only the last folder of its path; a fresh data folder needs its parents made first.
  if (options.dataDir !== undefined) mkdirSync(dirname(resolve(options.dataDir)), { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: resolve(options.dataDir) }),
    parsers: pgliteColumnParsers,
    extensions: PGLITE_EXTENSIONS,
  });
  try {
    return await pgliteDatabaseOn(pglite, schema, { closesInstance: true });
  } catch (error) {
    await pglite.close();
    throw error;
  }
}

/**
 * A {@link Database} on an open PGlite instance (created with {@link pgliteColumnParsers}). Not part
 * of the public API: tests use it to share one instance, so `closesInstance: false` leaves it open.
 */
export async function pgliteDatabaseOn(pglite: PGlite, schema: string, options: { closesInstance: boolean }): Promise<Database> {
  // One connection for the whole process, so setting it once applies to everything.
  await pglite.exec(`SET search_path TO ${quotedSchema(schema)}`);
  return new PgliteDatabase(pglite, assertSchemaName(schema), options.closesInstance);
}

/**
 * PGlite behind our {@link Database}. PGlite's own `transaction()` holds a lock until COMMIT or
 * ROLLBACK and makes plain queries wait for it, so concurrent callers never interleave statements on
 * the single connection.
 */
class PgliteDatabase implements Database {
  readonly name = 'database';
  readonly driver = 'pglite';
  private closed = false;

  constructor(
    private readonly pglite: PGlite,
    readonly schema: string,
    private readonly closesInstance: boolean,
  ) {}

  async query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    this.assertUsable('query');
    return runQuery<Row>(this.pglite, sql, params);
  }

  async exec(sql: string): Promise<void> {
    this.assertUsable('exec');
    await runExec(this.pglite, sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    this.assertUsable('transaction');
    return this.pglite.transaction(async (inner) => {
      const { tx, end } = guardedTransaction(transactionQueryable(inner));
      try {
        return await runInTransactionScope(this, () => fn(tx));
      } finally {
        end();
      }
    });
  }

  async isHealthy(): Promise<boolean> {
    if (this.closed) return false;
    return answersWithin(() => this.pglite.query('SELECT 1'), 2000);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.closesInstance) await this.pglite.close();
  }

  private assertUsable(operation: string): void {
    if (this.closed) throw new DatabaseClosedError(this.schema);
    assertOutsideTransaction(this, `Database.${operation}`);
  }
}

function transactionQueryable(inner: Transaction): Queryable {
  return {
    query: <Row extends object>(sql: string, params?: readonly unknown[]) => runQuery<Row>(inner, sql, params),
    exec: (sql: string) => runExec(inner, sql),
  };
}

async function runQuery<Row extends object>(target: PGlite | Transaction, sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
  try {
    const result = await target.query<Row>(sql, params === undefined ? undefined : [...params]);
    return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? 0 };
  } catch (error) {
    throw withoutParameters(error);
  }
}

async function runExec(target: PGlite | Transaction, sql: string): Promise<void> {
  try {
    await target.exec(sql);
  } catch (error) {
    throw withoutParameters(error);
  }
}

/** PGlite attaches the query's parameters to its errors; they may hold personal data and must not reach logs (S3). */
function withoutParameters(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && 'params' in error) {
    delete (error as { params?: unknown }).params;
    delete (error as { queryOptions?: unknown }).queryOptions;
  }
  return error;
}
