import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type Database } from './database';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { DatabaseModule } from './database.module';
import { DATABASE } from './database.tokens';
import { identityMigrations, memoryLogger, migrationFolder, type MigrationFolder } from './test-support/migration-folder';

/** A provider that reads its table while the app initialises, as a service's repository might. */
@Injectable()
class PeopleRepository implements OnModuleInit {
  peopleAtStart: number | undefined;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onModuleInit(): Promise<void> {
    this.peopleAtStart = (await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]?.n;
  }
}

describe('DatabaseModule', () => {
  let folder: MigrationFolder | undefined;
  afterEach(() => folder?.cleanup());

  it('migrates before anything can use the database, reports health, and closes on shutdown', async () => {
    folder = migrationFolder(identityMigrations);
    const { logger, entries } = memoryLogger();
    const moduleRef = await Test.createTestingModule({
      imports: [DatabaseModule.forRoot({ schema: 'identity', migrationsDir: folder.dir, config: { driver: 'pglite' }, logger })],
      providers: [PeopleRepository],
    }).compile();
    await moduleRef.init();

    expect(moduleRef.get(PeopleRepository).peopleAtStart).toBe(0);
    const db = moduleRef.get<Database>(DATABASE);
    await expect(db.query('SELECT max(version) AS version FROM schema_migrations')).resolves.toMatchObject({ rows: [{ version: 3 }] });
    const health = moduleRef.get(DatabaseHealthIndicator);
    expect(health.name).toBe('database');
    await expect(health.isHealthy()).resolves.toBe(true);

    await moduleRef.close();
    await expect(health.isHealthy()).resolves.toBe(false);
    expect(entries().map((entry) => entry['message'])).toEqual([
      'Database open',
      'Applied migration',
      'Applied migration',
      'Applied migration',
      'Schema up to date',
      'Database closed',
    ]);
    expect(entries()[0]).toMatchObject({ driver: 'pglite', schema: 'identity', storage: 'memory' });
  }, 30_000);

  it('stops the boot naming the migration that failed', async () => {
    folder = migrationFolder({ ...identityMigrations, '0004_add_score_index.sql': 'CREATE INDEX matches_score ON matches (no_such_column);' });
    const boot = Test.createTestingModule({
      imports: [DatabaseModule.forRoot({ schema: 'identity', migrationsDir: folder.dir, config: { driver: 'pglite' }, logger: memoryLogger().logger })],
    }).compile();

    await expect(boot).rejects.toThrow(/Schema identity, migration 0004_add_score_index\.sql: failed and was rolled back: .*no_such_column/);
  }, 30_000);

  it('stops the boot naming a missing migrations folder, before opening anything', async () => {
    const boot = Test.createTestingModule({
      imports: [DatabaseModule.forRoot({ schema: 'identity', migrationsDir: '/nonexistent/identity/migrations', config: { driver: 'pglite' }, logger: memoryLogger().logger })],
    }).compile();

    await expect(boot).rejects.toThrow(/Migrations in \/nonexistent\/identity\/migrations: cannot read the folder/);
  });

  it('reads the DATABASE_* variables when no config is given, failing on a bad one', async () => {
    const previous = process.env['DATABASE_DRIVER'];
    process.env['DATABASE_DRIVER'] = 'sqlite';
    try {
      await expect(
        Test.createTestingModule({ imports: [DatabaseModule.forRoot({ schema: 'identity', migrationsDir: '/unused', logger: memoryLogger().logger })] }).compile(),
      ).rejects.toThrow(/- DATABASE_DRIVER: must be one of pglite, postgres/);
    } finally {
      if (previous === undefined) delete process.env['DATABASE_DRIVER'];
      else process.env['DATABASE_DRIVER'] = previous;
    }
  });
});
