import { createLogger } from '@oioo/config';
import { type Database, createDatabase, loadMigrations, runMigrations } from '@oioo/database';
import { LEGAL_REVIEW_MIGRATIONS_DIR, LEGAL_REVIEW_SCHEMA } from '../legal-review.database';

const quiet = createLogger('legal-review-test', {}, () => undefined);

/** Test support only: an in-memory PGlite database with the service's real migrations applied. */
export async function openLegalReviewTestDatabase(): Promise<Database> {
  const database = await createDatabase({ driver: 'pglite' }, { schema: LEGAL_REVIEW_SCHEMA, logger: quiet });
  await runMigrations(database, { schema: LEGAL_REVIEW_SCHEMA, migrations: loadMigrations(LEGAL_REVIEW_MIGRATIONS_DIR), logger: quiet });
  return database;
}

/**
 * Test support only: empties every table of the service, so each test starts from a blank register. The
 * disclosure log refuses TRUNCATE (S3, append-only); a test database's owner switches its triggers off to reset it.
 */
export async function emptyLegalReviewTables(database: Database): Promise<void> {
  await database.exec(`ALTER TABLE disclosure_log DISABLE TRIGGER USER;
    TRUNCATE security_check_results, security_check_requests, france_replies, disclosure_log, readmission_requests, challenges;
    ALTER TABLE disclosure_log ENABLE TRIGGER USER;`);
}
