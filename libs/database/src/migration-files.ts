import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { MigrationFileError } from './database.errors';

/** One versioned SQL file of a service's migrations folder. */
export interface Migration {
  /** 1, 2, 3…: from the file name's four-digit prefix. */
  version: number;
  /** The file name, e.g. `0001_create_people.sql`; errors and the `schema_migrations` table use it. */
  name: string;
  sql: string;
  /** SHA-256 of the SQL with line endings normalised, so a checkout with CRLF endings does not count as a change. */
  checksum: string;
}

/** How a migration file must be named: `NNNN_description.sql`, description in lowercase snake case. */
export const MIGRATION_FILE_NAME = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/;

/**
 * Reads a service's migrations folder: every `.sql` file, sorted by version. Refuses badly named files,
 * duplicate versions, gaps (versions must run 1, 2, 3… without holes) and empty files, so a mistake is
 * caught at start-up rather than applied. Other files (a README) are ignored.
 */
export function loadMigrations(dir: string): Migration[] {
  const folder = resolve(dir);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch (error) {
    throw new MigrationFileError(folder, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const sqlFiles = entries.filter((entry) => entry.endsWith('.sql'));
  const misnamed = sqlFiles.filter((file) => !MIGRATION_FILE_NAME.test(file));
  if (misnamed.length > 0) {
    throw new MigrationFileError(folder, `${misnamed.join(', ')} must be named NNNN_description.sql (four digits, then lowercase letters, digits and underscores)`);
  }
  const migrations = sqlFiles
    .map((name): Migration => {
      const sql = readFileSync(resolve(folder, name), 'utf8').replace(/\r\n/g, '\n');
      return { version: Number(name.slice(0, 4)), name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version || a.name.localeCompare(b.name));

  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && previous.version === migration.version) {
      throw new MigrationFileError(folder, `${previous.name} and ${migration.name} have the same version ${pad(migration.version)}`);
    }
    if (migration.version !== index + 1) {
      const missing = pad(index + 1);
      throw new MigrationFileError(
        folder,
        previous ? `version ${missing} is missing between ${previous.name} and ${migration.name}` : `the first migration must be version 0001, not ${migration.name}`,
      );
    }
    if (migration.sql.trim() === '') throw new MigrationFileError(folder, `${migration.name} is empty`);
  });
  return migrations;
}

/** A version as it appears in file names. */
export function pad(version: number): string {
  return String(version).padStart(4, '0');
}
