import { join } from 'node:path';

/** The legal-review service's own schema: its tables are unreachable from the other services. */
export const LEGAL_REVIEW_SCHEMA = 'legal_review';

/** The versioned SQL migrations applied to {@link LEGAL_REVIEW_SCHEMA} at start-up. */
export const LEGAL_REVIEW_MIGRATIONS_DIR = join(__dirname, 'migrations');
