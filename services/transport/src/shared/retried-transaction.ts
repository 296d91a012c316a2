import { type Database, type Queryable } from '@oioo/database';

/**
 * SQLSTATEs after which running the whole transaction again is right: a serialization failure or a
 * deadlock PostgreSQL broke, or a unique violation from a concurrent twin (the same idempotency key,
 * or a second seat for the same case), which the repeat then finds committed and answers from.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

/** Attempts before the error is given up to the caller. */
const ATTEMPTS = 3;

/** The SQLSTATE of a database error (both drivers put it in `code`), if any. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' ? code : undefined;
}

/** Runs `fn` in a transaction, running it again when a concurrent transaction made it fail in a way a repeat resolves. */
export async function retriedTransaction<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= ATTEMPTS || state === undefined || !RETRYABLE.has(state)) throw error;
    }
  }
}
