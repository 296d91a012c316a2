import { type Extension } from '@electric-sql/pglite';

// TypeScript's "node" module resolution cannot read the package's exports map, so the contrib entry point
// is loaded with require (Node resolves it through the map) and typed with PGlite's own Extension type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/**
 * The PostgreSQL extensions every PGlite instance is given, so a migration can `CREATE EXTENSION` them as it
 * would on a PostgreSQL server: `pg_trgm` (identity's near-match index, R11, E4). Giving one only makes it
 * available; PGlite loads its files (a 16 KB bundle) when the instance starts.
 */
export const PGLITE_EXTENSIONS = { pg_trgm } as const;
