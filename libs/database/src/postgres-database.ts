import { Pool, type PoolClient } from 'pg';
import { type Logger } from '@oioo/config';
import { postgresColumnTypes } from './column-types';
import { type Database, type Queryable, type QueryResult } from './database';
import { DatabaseClosedError } from './database.errors';
import { answersWithin } from './health-probe';
import { assertSchemaName } from './schema-name';
import { assertOutsideTransaction, guardedTransaction, runInTransactionScope } from './transaction-scope';

/** Options of {@link openPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** The service's schema, used as `search_path` on every connection. */
  schema: string;
  /** `postgres://` URL of the server and database. */
  url: string;
  /** Most connections the pool opens. */
  poolMax: number;
  logger: Logger;
}

/** How long taking a connection may wait (pool full or server unreachable) before the query fails instead of hanging. */
const CONNECTION_TIMEOUT_MS = 10_000;

/** Opens a node-postgres pool and checks that the server answers, so a wrong URL stops the boot. */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const schema = assertSchemaName(options.schema);
  const pool = new Pool({
    connectionString: withSearchPath(options.url, schema),
    max: options.poolMax,
    application_name: `oioo-${schema}`,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    types: postgresColumnTypes(),
  });
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on('error', (error) => options.logger.warn('Idle database connection failed; the pool replaces it', { schema, error: error.message }));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at ${describeServer(options.url)}: ${(error as Error).message}`, { cause: error });
  }
  return new PostgresDatabase(pool, schema);
}

/**
 * Adds `-c search_path=<schema>` to the URL's `options` parameter: a startup parameter applies to every
 * connection from its first statement. node-postgres lets URL parameters override its config object,
 * so merging into the URL keeps any options the operator already put there.
 */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  parsed.searchParams.set('options', [existing, `-c search_path=${assertSchemaName(schema)}`].filter(Boolean).join(' '));
  return parsed.toString();
}

/** host:port/database of a URL, without user or password, for error messages. */
function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** A node-postgres pool behind our {@link Database}; each transaction runs on one checked-out connection. */
class PostgresDatabase implements Database {
  readonly name = 'database';
  readonly driver = 'postgres';
  private closed = false;

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
  ) {}

  async query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    this.assertUsable('query');
    const result = await this.pool.query(sql, params === undefined ? undefined : [...params]);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    this.assertUsable('exec');
    // Without parameters node-postgres uses the simple protocol, which accepts several statements.
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    this.assertUsable('transaction');
    const client = await this.pool.connect();
    // A connection in an unknown state (BEGIN, COMMIT or ROLLBACK failed without a server answer) is discarded, not pooled.
    let broken: Error | undefined;
    const control = async (statement: 'BEGIN' | 'COMMIT' | 'ROLLBACK') => {
      try {
        await client.query(statement);
      } catch (error) {
        if (!isServerError(error)) broken = error as Error;
        throw error;
      }
    };
    try {
      await control('BEGIN');
      const { tx, end } = guardedTransaction(clientQueryable(client));
      let result: T;
      try {
        result = await runInTransactionScope(this, () => fn(tx));
      } catch (error) {
        // The callback's error is the one worth reporting; a failed ROLLBACK only marks the connection broken.
        await control('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        end();
      }
      await control('COMMIT');
      return result;
    } finally {
      client.release(broken);
    }
  }

  async isHealthy(): Promise<boolean> {
    if (this.closed) return false;
    return answersWithin(() => this.pool.query('SELECT 1'), 2000);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertUsable(operation: string): void {
    if (this.closed) throw new DatabaseClosedError(this.schema);
    assertOutsideTransaction(this, `Database.${operation}`);
  }
}

function clientQueryable(client: PoolClient): Queryable {
  return {
    query: async <Row extends object>(sql: string, params?: readonly unknown[]) => {
      const result = await client.query(sql, params === undefined ? undefined : [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

/** An error the server reported (it has a SQLSTATE): the connection itself is still fine. */
function isServerError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
}
