import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { aptInstall, canInstallWithApt } from '../debian/apt-install';
import { PostgresSetupError, isExecutable, runCommand } from './postgres-command';

/** Where a PostgreSQL server installation keeps the three programs a throwaway server needs. */
export interface PostgresBinaries {
  /** Folder holding the programs (symlinks resolved). */
  binDir: string;
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** Major version, e.g. 15. */
  majorVersion: number;
}

/** Where {@link findPostgresBinaries} looks; tests point it elsewhere. */
export interface PostgresSearchLocations {
  /** Colon-separated folders searched first (default: PATH). */
  searchPath?: string;
  /** Folder holding one `<major>/bin` per installed version (default: Debian's /usr/lib/postgresql). */
  versionsRoot?: string;
}

const PROGRAMS = ['initdb', 'pg_ctl', 'postgres'] as const;

/**
 * Finds initdb, pg_ctl and postgres, all in one folder, on PATH or in /usr/lib/postgresql/<major>/bin
 * (Debian keeps them off PATH). The highest major version wins; undefined when none is installed.
 */
export function findPostgresBinaries(locations: PostgresSearchLocations = {}): PostgresBinaries | undefined {
  const searchPath = locations.searchPath ?? process.env['PATH'] ?? '';
  const versionsRoot = locations.versionsRoot ?? '/usr/lib/postgresql';
  const folders = searchPath.split(delimiter).filter(Boolean);
  if (existsSync(versionsRoot)) {
    for (const version of readdirSync(versionsRoot).filter((name) => /^\d+(\.\d+)?$/.test(name))) folders.push(join(versionsRoot, version, 'bin'));
  }
  const found = new Map<string, PostgresBinaries>();
  for (const folder of folders) {
    if (!PROGRAMS.every((program) => isExecutable(join(folder, program)))) continue;
    // Symlinks such as /usr/local/bin/postgres -> /usr/lib/postgresql/15/bin/postgres count once, by their target.
    const postgres = realpathSync(join(folder, 'postgres'));
    const binDir = dirname(postgres);
    if (found.has(binDir) || !PROGRAMS.every((program) => isExecutable(join(binDir, program)))) continue;
    const majorVersion = majorVersionOf(postgres);
    if (majorVersion === undefined) continue;
    found.set(binDir, { binDir, initdb: join(binDir, 'initdb'), pgCtl: join(binDir, 'pg_ctl'), postgres, majorVersion });
  }
  let best: PostgresBinaries | undefined;
  for (const candidate of found.values()) if (!best || candidate.majorVersion > best.majorVersion) best = candidate;
  return best;
}

function majorVersionOf(postgres: string): number | undefined {
  const fromFolder = /\/postgresql\/(\d+)\/bin\/postgres$/.exec(postgres);
  if (fromFolder?.[1]) return Number(fromFolder[1]);
  try {
    // Prints e.g. "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)".
    const version = /\(PostgreSQL\) (\d+)/.exec(execFileSync(postgres, ['--version'], { encoding: 'utf8', timeout: 10_000 }));
    return version?.[1] ? Number(version[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** What {@link ensurePostgresBinaries} may do; tests replace the system-facing parts. */
export interface EnsurePostgresOptions {
  /** Receives progress lines (default: stdout with a `[postgres]` prefix). */
  log?: (line: string) => void;
  find?: () => PostgresBinaries | undefined;
  /** Whether installing with apt-get is possible (default: running as root and apt-get on PATH). */
  canInstallWithApt?: () => boolean;
  run?: typeof runCommand;
}

const INSTALL_HINT =
  'Install the PostgreSQL server, then run again: on Debian or Ubuntu `sudo apt-get install -y postgresql`, ' +
  'on macOS `brew install postgresql@16` (and put its bin folder on PATH); any install works as long as ' +
  'initdb, pg_ctl and postgres are on PATH or in /usr/lib/postgresql/<major>/bin.';

/**
 * Returns the server binaries, installing Debian's `postgresql` package with apt-get when they are
 * missing and this process is root on a Debian-like system; otherwise throws saying how to install them.
 */
export async function ensurePostgresBinaries(options: EnsurePostgresOptions = {}): Promise<PostgresBinaries> {
  const log = options.log ?? ((line: string) => process.stdout.write(`[postgres] ${line}\n`));
  const find = options.find ?? (() => findPostgresBinaries());
  const canInstall = options.canInstallWithApt ?? canInstallWithApt;
  const run = options.run ?? runCommand;

  const found = find();
  if (found) return found;
  if (!canInstall()) {
    throw new PostgresSetupError(`PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. ${INSTALL_HINT}`);
  }
  log('PostgreSQL server binaries not found: installing the Debian package postgresql with apt-get (takes a minute or two)');
  const started = Date.now();
  try {
    await aptInstall(['postgresql'], { log, run });
  } catch (error) {
    throw new PostgresSetupError(`Installing PostgreSQL with apt-get failed: ${error instanceof Error ? error.message : String(error)}\n${INSTALL_HINT}`);
  }
  const installed = find();
  if (!installed) throw new PostgresSetupError(`apt-get installed postgresql, but initdb, pg_ctl and postgres are still not found. ${INSTALL_HINT}`);
  log(`PostgreSQL ${installed.majorVersion} installed in ${((Date.now() - started) / 1000).toFixed(1)} s (${installed.binDir})`);
  return installed;
}
