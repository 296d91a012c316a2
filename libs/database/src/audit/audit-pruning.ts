import { type Database } from '../database';
import { type ChainHead, GENESIS_HASH } from './audit-chain';
import { PRUNINGS_TABLE, appendChainedIn, latestPruning } from './audit-table';

/** What {@link pruneChained} did: how many rows it deleted and the checkpoint the stream now starts after. */
export interface PruneOutcome {
  deleted: number;
  /** The last pruned entry (seq 0 and the genesis hash when nothing was ever pruned). */
  checkpoint: ChainHead;
}

const TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * S4 retention of a hash-chained audit stream, without breaking its chain. In one transaction under the
 * stream's append lock it finds the last entry N of the run of entries older than `before` (every entry after
 * N is at or after it), appends a checkpoint `{stream, up_to_seq: N, up_to_hash: hash of N, cutoff, deleted,
 * reason}` to the chained {@link PRUNINGS_TABLE}, then deletes the entries up to N (and rows written before the
 * table was chained, older than `before`). The stream's trigger admits a DELETE only of rows a checkpoint
 * covers, so this is the one way rows leave; verification starts after the latest checkpoint
 * ({@link latestPruning}). Nothing past the cutoff is touched, and a second run finds nothing to do.
 */
export async function pruneChained(db: Pick<Database, 'transaction'>, table: string, options: { before: Date; reason: string }): Promise<PruneOutcome> {
  const stream = assertTableName(table);
  const cutoff = new Date(Math.floor(options.before.getTime()));
  return db.transaction(async (tx) => {
    // The append lock: no entry is added (nor the head read) while the checkpoint is taken.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit-chain:${stream}`]);
    const previous = (await latestPruning(tx, stream)) ?? { seq: 0, hash: GENESIS_HASH };
    const { rows } = await tx.query<{ first_kept: string | null; last_seq: string | null }>(
      `SELECT (SELECT min(seq) FROM ${stream} WHERE seq IS NOT NULL AND at >= $1)::text AS first_kept,
              (SELECT max(seq) FROM ${stream} WHERE seq IS NOT NULL)::text AS last_seq`,
      [cutoff],
    );
    const firstKept = rows[0]?.first_kept;
    const lastSeq = rows[0]?.last_seq;
    const upTo = firstKept != null ? Number(firstKept) - 1 : lastSeq != null ? Number(lastSeq) : previous.seq;
    const unchained = Number((await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${stream} WHERE seq IS NULL AND at < $1`, [cutoff])).rows[0]?.n ?? 0);
    if (upTo <= previous.seq && unchained === 0) return { deleted: 0, checkpoint: previous };
    const checkpoint =
      upTo <= previous.seq ? previous : { seq: upTo, hash: (await tx.query<{ hash: string }>(`SELECT hash FROM ${stream} WHERE seq = $1`, [upTo])).rows[0]?.hash ?? GENESIS_HASH };
    const doomed = Number(
      (await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${stream} WHERE seq <= $1 OR (seq IS NULL AND at < $2)`, [checkpoint.seq, cutoff])).rows[0]?.n ?? 0,
    );
    // Recorded first: the trigger reads it to admit the DELETE below.
    await appendChainedIn(tx, PRUNINGS_TABLE, {
      pruned_stream: stream,
      up_to_seq: String(checkpoint.seq),
      up_to_hash: checkpoint.hash,
      cutoff: cutoff.toISOString(),
      deleted: String(doomed),
      reason: options.reason,
    });
    const deleted = await tx.query(`DELETE FROM ${stream} WHERE seq <= $1 OR (seq IS NULL AND at < $2)`, [checkpoint.seq, cutoff]);
    return { deleted: deleted.rowCount, checkpoint };
  });
}

function assertTableName(table: string): string {
  if (!TABLE_NAME.test(table) || table === PRUNINGS_TABLE) throw new TypeError(`"${table}" is not a chained table that may be pruned`);
  return table;
}
