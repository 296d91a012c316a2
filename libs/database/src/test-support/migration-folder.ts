import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@oioo/config';

/** Test support only: a temporary migrations folder whose files a test can add, change and remove. */
export interface MigrationFolder {
  dir: string;
  write(name: string, sql: string): void;
  remove(name: string): void;
  cleanup(): void;
}

/** Test support only: creates a temporary migrations folder holding `files`. */
export function migrationFolder(files: Record<string, string> = {}): MigrationFolder {
  const dir = mkdtempSync(join(tmpdir(), 'oioo-migrations-'));
  const folder: MigrationFolder = {
    dir,
    write: (name, sql) => writeFileSync(join(dir, name), sql),
    remove: (name) => unlinkSync(join(dir, name)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [name, sql] of Object.entries(files)) folder.write(name, sql);
  return folder;
}

/** Test support only: identity's first migrations, in the shape a service would write them. */
export const identityMigrations = {
  '0001_create_people.sql': 'CREATE TABLE people (\n  id text PRIMARY KEY,\n  enrolled_at timestamptz NOT NULL DEFAULT now()\n);\n',
  '0002_add_nationality.sql': 'ALTER TABLE people ADD COLUMN nationality text;\nCREATE INDEX people_nationality ON people (nationality);\n',
  '0003_create_matches.sql': 'CREATE TABLE matches (\n  person_id text NOT NULL REFERENCES people (id),\n  score numeric NOT NULL\n);\n',
} as const;

/** Test support only: a logger that keeps its lines in memory, so tests can check what was (not) logged. */
export function memoryLogger(): { logger: Logger; lines: string[]; entries: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  return {
    logger: createLogger('database-test', {}, (line) => lines.push(line)),
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
