import { type Database, type Queryable } from '../database';
import { type CanonicalValue } from './canonical-json';
import { type ChainHead, type ChainedEntry, GENESIS_HASH, chainNext } from './audit-chain';

/** A value a chained row's column takes: plain objects go to JSONB columns, arrays to array columns. */
export type AuditFieldValue = CanonicalValue;

/** What {@link appendChained} stored: the row's id and time, and its place in the chain. */
export interface AppendedEntry {
  id: string;
  at: string;
  seq: number;
  hash: string;
}

/** The chained table that records every pruning of an audit stream (S4): itself a hash-chained, append-only stream. */
export const PRUNINGS_TABLE = 'prunings';

const TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** Columns of a chained table that are not part of what the hash covers (the chain's own, and the row id). */
const CHAIN_COLUMNS = new Set(['id', 'seq', 'prev_hash', 'hash']);

/**
 * Appends one row to a hash-chained, append-only table (the table is the stream: it has `id`, `at`, `seq`,
 * `prev_hash` and `hash` columns, and a trigger refusing UPDATE and DELETE). Inside one transaction it
 * takes the stream's advisory lock, so appends of every instance are serialised, reads the head, takes the
 * time from the database (to the millisecond, so the stored value is exactly the hashed one), and inserts
 * the row with the SHA-256 of its canonical form. `fields` are the row's other columns, by column name.
 */
export async function appendChained(db: Pick<Database, 'transaction'>, table: string, fields: Record<string, AuditFieldValue>): Promise<AppendedEntry> {
  return db.transaction((tx) => appendChainedIn(tx, table, fields));
}

/**
 * {@link appendChained} inside a transaction the caller holds, for a row that must commit with other writes
 * (a disclosure with the request it discloses). The stream stays locked until that transaction ends.
 */
export async function appendChainedIn(tx: Queryable, table: string, fields: Record<string, AuditFieldValue>): Promise<AppendedEntry> {
  const stream = assertTableName(table);
  for (const column of Object.keys(fields)) {
    if (CHAIN_COLUMNS.has(column) || column === 'at' || !TABLE_NAME.test(column)) throw new TypeError(`"${column}" cannot be given as a field of a chained entry`);
  }
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit-chain:${stream}`]);
  const head = await headIn(tx, stream);
  const now = (await tx.query<{ at: Date }>("SELECT date_trunc('milliseconds', clock_timestamp()) AS at")).rows[0]?.at;
  if (!now) throw new Error('the database returned no time');
  const at = new Date(now).toISOString();
  const entry = chainNext(stream, head, { ...fields, at });
  const columns = [...Object.keys(fields), 'at', 'seq', 'prev_hash', 'hash'];
  const values = [...Object.values(fields).map(toParameter), at, entry.seq, entry.prevHash, entry.hash];
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO ${stream} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id::text AS id`,
    values,
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`the insert into ${stream} returned no row`);
  return { id, at, seq: entry.seq, hash: entry.hash };
}

/** The head of a chained table: its last entry's seq and hash, or seq 0 and the genesis hash when it has none. */
export async function chainHeadOf(db: Queryable, table: string): Promise<ChainHead & { at?: string }> {
  const stream = assertTableName(table);
  // Aliased, so ORDER BY sorts the bigint column and not its text.
  const { rows } = await db.query<{ head_seq: string; hash: string; at: Date | string }>(
    `SELECT seq::text AS head_seq, hash, at FROM ${stream} WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { seq: Number(row.head_seq), hash: row.hash, at: new Date(row.at).toISOString() } : ((await latestPruning(db, stream)) ?? { seq: 0, hash: GENESIS_HASH });
}

/**
 * A page of a chained table in chain order, after `afterSeq`, each row as a {@link ChainedEntry} whose fields are
 * every column but the chain's own and the id. Rows written before the table was chained (no seq) are not part of it.
 */
export async function readChain(db: Queryable, table: string, page: { afterSeq: number; limit: number }): Promise<ChainedEntry[]> {
  const stream = assertTableName(table);
  const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ${stream} WHERE seq > $1 ORDER BY seq LIMIT $2`, [page.afterSeq, page.limit]);
  return rows.map((row) => {
    const fields: Record<string, CanonicalValue> = {};
    for (const [column, value] of Object.entries(row)) {
      if (!CHAIN_COLUMNS.has(column)) fields[column] = fromColumn(value);
    }
    return { stream, seq: Number(row['seq']), prevHash: String(row['prev_hash']), hash: String(row['hash']), fields };
  });
}

/** A page of a chained table as its read route answers it: the head (read first, so it never runs ahead of the page), the entries in chain order, and where to continue. */
export interface ChainPage {
  stream: string;
  head: ChainHead & { at?: string };
  entries: Omit<ChainedEntry, 'stream'>[];
  /** The seq to ask after for the next page; absent on the last one. */
  nextAfter?: number;
}

/** One page of `table` after `after`, for a service's audit read route (`npm run ops -- audit verify` re-computes it). */
export async function readChainPage(db: Queryable, table: string, query: { after: number; limit: number }): Promise<ChainPage> {
  const head = await chainHeadOf(db, table);
  const entries = await readChain(db, table, { afterSeq: query.after, limit: query.limit });
  const last = entries.at(-1);
  return {
    stream: table,
    head,
    entries: entries.map(({ seq, prevHash, hash, fields }) => ({ seq, prevHash, hash, fields })),
    ...(entries.length === query.limit && last ? { nextAfter: last.seq } : {}),
  };
}

async function headIn(tx: Queryable, stream: string): Promise<ChainHead> {
  // Aliased, so ORDER BY sorts the bigint column and not its text ('9' > '10').
  const { rows } = await tx.query<{ head_seq: string; hash: string }>(`SELECT seq::text AS head_seq, hash FROM ${stream} WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
  const row = rows[0];
  // A stream pruned to its last entry goes on from its checkpoint, never from seq 1 again.
  return row ? { seq: Number(row.head_seq), hash: row.hash } : ((await latestPruning(tx, stream)) ?? { seq: 0, hash: GENESIS_HASH });
}

/** The latest checkpoint of `table`: the last entry pruned from it, which verification starts after; undefined when it was never pruned (or keeps no prunings). */
export async function latestPruning(db: Queryable, table: string): Promise<ChainHead | undefined> {
  const stream = assertTableName(table);
  const exists = (await db.query<{ present: boolean }>(`SELECT to_regclass('${PRUNINGS_TABLE}') IS NOT NULL AS present`)).rows[0]?.present;
  if (!exists) return undefined;
  const { rows } = await db.query<{ up_to_seq: string; up_to_hash: string }>(
    `SELECT up_to_seq::text AS up_to_seq, up_to_hash FROM ${PRUNINGS_TABLE} WHERE pruned_stream = $1 ORDER BY up_to_seq DESC LIMIT 1`,
    [stream],
  );
  const row = rows[0];
  return row ? { seq: Number(row.up_to_seq), hash: row.up_to_hash } : undefined;
}

function assertTableName(table: string): string {
  if (!TABLE_NAME.test(table)) throw new TypeError(`"${table}" is not a chained table's name`);
  return table;
}

/** JSONB columns take their text; everything else goes as it is. */
function toParameter(value: AuditFieldValue): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : value;
}

/** A column as hashing saw it: timestamps as ISO strings; int8 and numeric already come back as strings. */
function fromColumn(value: unknown): CanonicalValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as CanonicalValue;
}
