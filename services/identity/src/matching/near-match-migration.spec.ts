import fc from 'fast-check';
import { type Database, createDatabase, loadMigrations, runMigrations } from '@oioo/database';
import { MIGRATIONS_DIR, quietLogger } from '../test-support/identity-test-kit';
import { indexedTemplate } from './near-match-candidates';
import { templateHash } from './template-hash';

const NEAR_MATCH_INDEX_VERSION = 4;

let db: Database;

beforeAll(async () => {
  db = await createDatabase({ driver: 'pglite' }, { schema: 'identity', logger: quietLogger });
  const migrations = loadMigrations(MIGRATIONS_DIR);
  await runMigrations(db, { schema: 'identity', migrations: migrations.filter((migration) => migration.version < NEAR_MATCH_INDEX_VERSION), logger: quietLogger });
}, 60_000);

afterAll(() => db?.close());

/** Any ASCII character but NUL (which PostgreSQL text cannot hold): letters of both cases, digits, punctuation, whitespace and controls. */
const asciiTemplate = fc.string({ unit: fc.integer({ min: 1, max: 0x7f }).map((code) => String.fromCharCode(code)), maxLength: 40 });
const otherTemplate = fc.string({ unit: fc.constantFrom(...'aB 1-é\u00a0ＡİßΣ'), minLength: 1, maxLength: 20 });

describe('near-match index migration', () => {
  it('R11 E4 gives each enrolment already stored the indexed template enrolling gives it, and leaves one outside ASCII to the full scan', async () => {
    const ascii = [...fc.sample(asciiTemplate, { numRuns: 400, seed: 11 }), 'TPL-3F9A 1C7E', '\tab\nc\u000b', ' a b '];
    const other = [...fc.sample(otherTemplate, { numRuns: 100, seed: 12 }), 'ＴＰＬ-3f9a'].filter((template) => [...template].some((character) => character.charCodeAt(0) > 0x7f));
    const templates = [...ascii, ...other];
    await db.query("INSERT INTO people (id) SELECT 'per_backfill' || n FROM generate_series(1, $1::int) AS n", [templates.length]);
    await db.query(
      `INSERT INTO enrolments (reference, person_id, case_id, context, source_key, template_hash, template, captured_at)
       SELECT 'enr_backfill' || n, 'per_backfill' || n, 'case_backfill' || n, 'arrival', 'backfill:' || n, hash, template, now()
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t (template, hash, n)`,
      [templates, templates.map(templateHash)],
    );

    await runMigrations(db, { schema: 'identity', migrations: loadMigrations(MIGRATIONS_DIR), logger: quietLogger });

    const rows = await db.query<{ template: string; indexed_template: string | null }>("SELECT template, indexed_template FROM enrolments WHERE reference LIKE 'enr_backfill%'");
    const stored = new Map(rows.rows.map((row) => [row.template, row.indexed_template]));
    for (const template of ascii) expect({ template, indexed: stored.get(template) }).toEqual({ template, indexed: indexedTemplate(template) });
    for (const template of other) expect({ template, indexed: stored.get(template) }).toEqual({ template, indexed: null });
  });

  it('R11 E4 uses pg_trgm where the database already has it, in a schema the service does not search', async () => {
    const other = await createDatabase({ driver: 'pglite' }, { schema: 'identity', logger: quietLogger });
    try {
      await other.exec('CREATE SCHEMA extensions; CREATE EXTENSION pg_trgm SCHEMA extensions');
      await runMigrations(other, { schema: 'identity', migrations: loadMigrations(MIGRATIONS_DIR), logger: quietLogger });
      await other.query("INSERT INTO people (id) VALUES ('per_elsewhere')");
      await other.query(
        `INSERT INTO enrolments (reference, person_id, case_id, context, source_key, template_hash, template, indexed_template, captured_at)
         VALUES ('enr_elsewhere', 'per_elsewhere', 'case_elsewhere', 'arrival', 'elsewhere', $1, 'tpl-3f9a1c7e5b2d', 'tpl-3f9a1c7e5b2d', now())`,
        [templateHash('tpl-3f9a1c7e5b2d')],
      );

      const candidates = await other.query('SELECT near_match_candidates($1, $2) AS reference', ['tpl-3f9a1c7e5b2e', 0.5]);

      expect(candidates.rows).toEqual([{ reference: 'enr_elsewhere' }]);
    } finally {
      await other.close();
    }
  }, 60_000);
});
