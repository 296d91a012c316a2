import { MigrationFileError } from './database.errors';
import { loadMigrations } from './migration-files';
import { identityMigrations, migrationFolder, type MigrationFolder } from './test-support/migration-folder';

describe('loadMigrations', () => {
  let folder: MigrationFolder | undefined;
  afterEach(() => folder?.cleanup());

  const load = (files: Record<string, string>) => {
    folder = migrationFolder(files);
    return () => loadMigrations(folder?.dir ?? '');
  };

  it('reads every .sql file sorted by version, ignoring other files', () => {
    const migrations = load({ ...identityMigrations, 'README.md': '# notes', '0010_later.sql.bak': 'x' })();
    expect(migrations.map(({ version, name }) => ({ version, name }))).toEqual([
      { version: 1, name: '0001_create_people.sql' },
      { version: 2, name: '0002_add_nationality.sql' },
      { version: 3, name: '0003_create_matches.sql' },
    ]);
    expect(migrations[0]?.sql).toBe(identityMigrations['0001_create_people.sql']);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns nothing for an empty folder', () => {
    expect(load({})()).toEqual([]);
  });

  it('refuses a gap in the versions, naming the missing version and its neighbours', () => {
    const read = load({ '0001_create_people.sql': 'SELECT 1;', '0003_create_matches.sql': 'SELECT 1;' });
    expect(read).toThrow(MigrationFileError);
    expect(read).toThrow(/version 0002 is missing between 0001_create_people\.sql and 0003_create_matches\.sql/);
  });

  it('refuses two files with the same version, naming both', () => {
    expect(load({ '0001_create_people.sql': 'SELECT 1;', '0001_create_persons.sql': 'SELECT 1;' })).toThrow(
      /0001_create_people\.sql and 0001_create_persons\.sql have the same version 0001/,
    );
  });

  it('refuses a folder that does not start at 0001', () => {
    expect(load({ '0002_add_nationality.sql': 'SELECT 1;' })).toThrow(/first migration must be version 0001, not 0002_add_nationality\.sql/);
  });

  it.each(['1_create_people.sql', '0001-create-people.sql', '0001_Create_People.sql', 'create_people.sql'])('refuses the badly named file %s', (name) => {
    expect(load({ [name]: 'SELECT 1;' })).toThrow(new RegExp(`${name.replace(/\./g, '\\.')} must be named NNNN_description\\.sql`));
  });

  it('refuses an empty migration', () => {
    expect(load({ '0001_create_people.sql': '  \n' })).toThrow(/0001_create_people\.sql is empty/);
  });

  it('names a folder that cannot be read', () => {
    expect(() => loadMigrations('/nonexistent/oioo/migrations')).toThrow(/Migrations in \/nonexistent\/oioo\/migrations: cannot read the folder \(ENOENT\)/);
  });

  it('gives a file the same checksum with Windows line endings, so a CRLF checkout is not a change', () => {
    const lf = load({ '0001_create_people.sql': 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n' })();
    folder?.cleanup();
    const crlf = load({ '0001_create_people.sql': 'CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n' })();
    expect(crlf[0]?.checksum).toBe(lf[0]?.checksum);
  });
});
