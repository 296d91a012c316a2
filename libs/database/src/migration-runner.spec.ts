import { type Database } from './database';
import { MigrationError, SchemaNameError } from './database.errors';
import { loadMigrations } from './migration-files';
import { runMigrations } from './migration-runner';
import { allDriverHarnesses, quietLogger, useHarness } from './test-support/database-harness';
import { identityMigrations, memoryLogger, migrationFolder, type MigrationFolder } from './test-support/migration-folder';

describe.each(allDriverHarnesses())('runMigrations on $driver', (harness) => {
  useHarness(harness);
  const folders: MigrationFolder[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) folder.cleanup();
  });
  const folderWith = (files: Record<string, string>) => {
    const folder = migrationFolder(files);
    folders.push(folder);
    return folder;
  };
  const versions = async (db: Database, schema = 'identity') => {
    return (await db.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`)).rows.map((row) => row.version);
  };

  it('applies pending migrations in order inside the service schema and records each', async () => {
    const folder = folderWith(identityMigrations);
    const migrations = loadMigrations(folder.dir);
    const db = await harness.open('identity');

    await expect(runMigrations(db, { schema: 'identity', migrations, logger: quietLogger })).resolves.toEqual({ schema: 'identity', applied: [1, 2, 3], alreadyApplied: [] });

    const recorded = await db.query('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version');
    expect(recorded.rows).toEqual(migrations.map(({ version, name, checksum }) => ({ version, name, checksum, applied_at: expect.any(Date) })));
    const tables = await db.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    expect(tables.rows).toEqual([
      { table_schema: 'identity', table_name: 'matches' },
      { table_schema: 'identity', table_name: 'people' },
      { table_schema: 'identity', table_name: 'schema_migrations' },
    ]);
    // The service's own queries name tables unqualified.
    await db.query('INSERT INTO people (id, nationality) VALUES ($1, $2)', ['per_01', 'FR']);
    await expect(db.query('SELECT id, nationality FROM people')).resolves.toMatchObject({ rows: [{ id: 'per_01', nationality: 'FR' }] });
  });

  it('is idempotent, and applies only what was added since the last start', async () => {
    const folder = folderWith(identityMigrations);
    const db = await harness.open('identity');
    await runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger: quietLogger });

    await expect(runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger: quietLogger })).resolves.toEqual({
      schema: 'identity',
      applied: [],
      alreadyApplied: [1, 2, 3],
    });
    folder.write('0004_add_matched_at.sql', 'ALTER TABLE matches ADD COLUMN matched_at timestamptz;');
    await expect(runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger: quietLogger })).resolves.toEqual({
      schema: 'identity',
      applied: [4],
      alreadyApplied: [1, 2, 3],
    });
    expect(await versions(db)).toEqual([1, 2, 3, 4]);
  });

  it('refuses to start when an applied migration file changed, naming the file, and applies nothing', async () => {
    const folder = folderWith(identityMigrations);
    const db = await harness.open('identity');
    await runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger: quietLogger });

    folder.write('0002_add_nationality.sql', 'ALTER TABLE people ADD COLUMN nationality varchar(3);');
    folder.write('0004_add_matched_at.sql', 'ALTER TABLE matches ADD COLUMN matched_at timestamptz;');
    const run = runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger: quietLogger });

    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(/Schema identity, migration 0002_add_nationality\.sql: the file changed after it was applied/);
    await expect(run).rejects.toMatchObject({ schema: 'identity', migration: '0002_add_nationality.sql' });
    expect(await versions(db)).toEqual([1, 2, 3]);
  });

  it('rolls a failing migration back entirely, names its file, and applies it once fixed', async () => {
    const folder = folderWith({
      '0001_create_people.sql': identityMigrations['0001_create_people.sql'],
      '0002_create_enrolments.sql': 'CREATE TABLE enrolments (person_id text);\nINSERT INTO no_such_table VALUES (1);\n',
    });
    const db = await harness.open('identity');

    const run = runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger: quietLogger });
    await expect(run).rejects.toThrow(/Schema identity, migration 0002_create_enrolments\.sql: failed and was rolled back: .*no_such_table/);
    expect(await versions(db)).toEqual([1]);
    await expect(db.query(`SELECT to_regclass('identity.enrolments') AS found`)).resolves.toMatchObject({ rows: [{ found: null }] });

    folder.write('0002_create_enrolments.sql', 'CREATE TABLE enrolments (person_id text);\n');
    await expect(runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger: quietLogger })).resolves.toMatchObject({ applied: [2] });
  });

  it('applies each migration exactly once when instances start together', async () => {
    const folder = folderWith({
      // pg_sleep widens the window in which a second instance would apply the same migration without the lock.
      '0001_create_people.sql': 'CREATE TABLE people (id text PRIMARY KEY);\nCREATE TABLE applied_log (migration text NOT NULL);\nSELECT pg_sleep(0.2);\n',
      '0002_log.sql': "INSERT INTO applied_log VALUES ('0002');\n",
      '0003_log.sql': "INSERT INTO applied_log VALUES ('0003');\nSELECT pg_sleep(0.1);\n",
    });
    const migrations = loadMigrations(folder.dir);
    const instances = await Promise.all([harness.open('identity'), harness.open('identity'), harness.open('identity')]);

    const reports = await Promise.all(instances.map((db) => runMigrations(db, { schema: 'identity', migrations, logger: quietLogger })));

    expect(reports.flatMap((report) => report.applied).sort()).toEqual([1, 2, 3]);
    for (const report of reports) expect([...report.applied, ...report.alreadyApplied].sort()).toEqual([1, 2, 3]);
    const db = await harness.open('identity');
    expect(await versions(db)).toEqual([1, 2, 3]);
    await expect(db.query('SELECT migration FROM applied_log ORDER BY migration')).resolves.toMatchObject({ rows: [{ migration: '0002' }, { migration: '0003' }] });
  });

  it('keeps schemas apart: same-named tables and migration histories do not see each other', async () => {
    const identity = folderWith({ '0001_create_records.sql': 'CREATE TABLE records (id text PRIMARY KEY, kind text NOT NULL);' });
    const transport = folderWith({ '0001_create_records.sql': 'CREATE TABLE records (id text PRIMARY KEY, movement text);' });
    const db = await harness.open('identity');
    await runMigrations(db, { schema: 'identity', migrations: loadMigrations(identity.dir), logger: quietLogger });
    await runMigrations(db, { schema: 'transport', migrations: loadMigrations(transport.dir), logger: quietLogger });

    await db.query('INSERT INTO records (id, kind) VALUES ($1, $2)', ['rec_1', 'enrolment']);

    await expect(db.query('SELECT count(*)::int AS n FROM identity.records')).resolves.toMatchObject({ rows: [{ n: 1 }] });
    await expect(db.query('SELECT count(*)::int AS n FROM transport.records')).resolves.toMatchObject({ rows: [{ n: 0 }] });
    const seenFromTransport = await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL search_path TO transport');
      return (await tx.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'records' ORDER BY 1`)).rows;
    });
    expect(seenFromTransport.map((row) => row.column_name)).toEqual(['id', 'movement']);
    expect(await versions(db, 'identity')).toEqual([1]);
    expect(await versions(db, 'transport')).toEqual([1]);
    const checksums = await db.query<{ schema: string; checksum: string }>(
      `SELECT 'identity' AS schema, checksum FROM identity.schema_migrations UNION ALL SELECT 'transport', checksum FROM transport.schema_migrations`,
    );
    expect(new Set(checksums.rows.map((row) => row.checksum)).size).toBe(2);
  });

  it('quotes the schema, so a reserved word works as a name', async () => {
    const folder = folderWith({ '0001_create_accounts.sql': 'CREATE TABLE accounts (id text PRIMARY KEY);' });
    const db = await harness.open('user');
    await runMigrations(db, { schema: 'user', migrations: loadMigrations(folder.dir), logger: quietLogger });
    await db.query('INSERT INTO accounts VALUES ($1)', ['acc_1']);
    await expect(db.query('SELECT id FROM "user".accounts')).resolves.toMatchObject({ rows: [{ id: 'acc_1' }] });
  });

  it('refuses an unsafe schema name before sending any SQL', async () => {
    const db = await harness.open('identity');
    await expect(runMigrations(db, { schema: 'identity; DROP SCHEMA public', migrations: [], logger: quietLogger })).rejects.toThrow(SchemaNameError);
    await expect(runMigrations(db, { schema: 'Identity', migrations: [], logger: quietLogger })).rejects.toThrow(/Schema name "Identity" is not allowed/);
    await expect(db.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'identity'`)).resolves.toMatchObject({ rows: [{ n: 0 }] });
  });

  it('creates the schema and its history even without migrations', async () => {
    const db = await harness.open('transport');
    await expect(runMigrations(db, { schema: 'transport', migrations: [], logger: quietLogger })).resolves.toEqual({ schema: 'transport', applied: [], alreadyApplied: [] });
    expect(await versions(db, 'transport')).toEqual([]);
  });

  it('refuses a pending migration older than the newest applied one', async () => {
    const folder = folderWith(identityMigrations);
    const [first, second, third] = loadMigrations(folder.dir);
    if (!first || !second || !third) throw new Error('fixture needs three migrations');
    const db = await harness.open('identity');
    await runMigrations(db, { schema: 'identity', migrations: [first], logger: quietLogger });
    // As if someone had applied 0003 by hand, skipping 0002.
    await db.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [third.version, third.name, third.checksum]);

    await expect(runMigrations(db, { schema: 'identity', migrations: [first, second, third], logger: quietLogger })).rejects.toThrow(
      /migration 0002_add_nationality\.sql: is not applied, but the later version 0003 is/,
    );
  });

  it('carries on with a warning when the schema has migrations newer than this release (rolling deploy)', async () => {
    const folder = folderWith(identityMigrations);
    const migrations = loadMigrations(folder.dir);
    const db = await harness.open('identity');
    await runMigrations(db, { schema: 'identity', migrations, logger: quietLogger });
    const { logger, entries } = memoryLogger();

    await expect(runMigrations(db, { schema: 'identity', migrations: migrations.slice(0, 2), logger })).resolves.toEqual({ schema: 'identity', applied: [], alreadyApplied: [1, 2] });
    expect(entries()).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Schema has migrations this release does not know', schema: 'identity', versions: '0003' }));
  });

  it('logs schema, versions and durations only, never SQL', async () => {
    const folder = folderWith(identityMigrations);
    const db = await harness.open('identity');
    const { logger, lines, entries } = memoryLogger();

    await runMigrations(db, { schema: 'identity', migrations: loadMigrations(folder.dir), logger });

    expect(entries().filter((entry) => entry['message'] === 'Applied migration').map((entry) => entry['version'])).toEqual(['0001', '0002', '0003']);
    expect(entries().at(-1)).toMatchObject({ message: 'Schema up to date', schema: 'identity', version: '0003', applied: 3, alreadyApplied: 0, durationMs: expect.any(Number) });
    expect(lines.join('\n')).not.toMatch(/CREATE|ALTER|people \(/);
  });
});
