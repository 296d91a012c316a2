import { type Queryable } from '@oioo/database';

/**
 * Serialises, until the transaction ends, everything that changes one case's seats: bookings,
 * cancellations and boarding records. Always taken before any movement row lock, so lock order is
 * the same everywhere and transactions cannot deadlock on it.
 */
export async function lockCase(tx: Queryable, caseId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`transport-case:${caseId}`]);
}
