import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from './create-database';
import { SchemaNameError } from './database.errors';
import { quietLogger } from './test-support/database-harness';

describe('createDatabase', () => {
  it('keeps PGlite data in DATABASE_DIR across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oioo-pglite-'));
    try {
      const first = await createDatabase({ driver: 'pglite', dataDir }, { schema: 'transport', logger: quietLogger });
      await first.exec('CREATE SCHEMA transport; CREATE TABLE movements (id text PRIMARY KEY)');
      await first.query('INSERT INTO movements VALUES ($1)', ['mov_1']);
      await first.close();

      const second = await createDatabase({ driver: 'pglite', dataDir }, { schema: 'transport', logger: quietLogger });
      try {
        await expect(second.query('SELECT id FROM movements')).resolves.toEqual({ rows: [{ id: 'mov_1' }], rowCount: 1 });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('gives PGlite pg_trgm, still usable when a data folder that created it is opened again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oioo-pglite-'));
    try {
      const first = await createDatabase({ driver: 'pglite', dataDir }, { schema: 'identity', logger: quietLogger });
      await first.exec('CREATE SCHEMA identity; CREATE EXTENSION pg_trgm');
      await first.close();

      const second = await createDatabase({ driver: 'pglite', dataDir }, { schema: 'identity', logger: quietLogger });
      try {
        await expect(second.query<{ score: number }>("SELECT similarity('tpl-abcdef', 'tpl-abcdef') AS score")).resolves.toEqual({ rows: [{ score: 1 }], rowCount: 1 });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses an unsafe schema name before opening anything', async () => {
    await expect(createDatabase({ driver: 'pglite' }, { schema: 'legal-review', logger: quietLogger })).rejects.toThrow(SchemaNameError);
    await expect(createDatabase({ driver: 'postgres', url: 'postgres://127.0.0.1:9/oioo', poolMax: 1 }, { schema: '', logger: quietLogger })).rejects.toThrow(SchemaNameError);
  });
});
