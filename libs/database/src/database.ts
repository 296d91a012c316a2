import { type DatabaseDriver } from './database-config';

/** What a query returns: the rows, and how many rows the statement returned or changed (0 for DDL). */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Something SQL can be sent to: the database itself or the `tx` of an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1`, `$2`… placeholders. Rows come back with the same JavaScript types on
   * both drivers: int8 and numeric as strings, date and timestamp (without zone) as strings,
   * timestamptz as Date, bytea as Buffer, json and jsonb parsed.
   */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of one or more statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

/** A service's database: sessions use the service's schema as `search_path`, so its SQL can name tables unqualified. */
export interface Database extends Queryable {
  /** How /health names this dependency. */
  readonly name: 'database';
  readonly driver: DatabaseDriver;
  /** The schema unqualified names resolve to. */
  readonly schema: string;
  /**
   * Runs `fn` between BEGIN and COMMIT; a thrown error rolls back and is rethrown. Use only `tx` inside
   * `fn`: calling the database itself there throws, because it would run outside the transaction
   * (and on PGlite wait for the transaction to end, forever).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** True when `SELECT 1` answers within two seconds; never throws. */
  isHealthy(): Promise<boolean>;
  /** Releases the connections (or PGlite instance); later calls fail with `DatabaseClosedError`. Safe to call twice. */
  close(): Promise<void>;
}
