import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePostgresBinaries, findPostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { PostgresSetupError, type runCommand } from './postgres-command';

/** Writes stand-ins for initdb, pg_ctl and postgres; postgres prints `version` when asked. */
function fakeInstall(binDir: string, version = '15.14', programs = ['initdb', 'pg_ctl', 'postgres']): void {
  mkdirSync(binDir, { recursive: true });
  for (const program of programs) {
    const file = join(binDir, program);
    writeFileSync(file, `#!/bin/sh\necho "${program} (PostgreSQL) ${version}"\n`);
    chmodSync(file, 0o755);
  }
}

describe('findPostgresBinaries', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'oioo-pgbin-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('picks the highest version under the versions folder', () => {
    const versionsRoot = join(root, 'postgresql');
    fakeInstall(join(versionsRoot, '14', 'bin'));
    fakeInstall(join(versionsRoot, '16', 'bin'));
    fakeInstall(join(versionsRoot, '9', 'bin'));

    expect(findPostgresBinaries({ searchPath: '', versionsRoot })).toEqual({
      binDir: join(versionsRoot, '16', 'bin'),
      initdb: join(versionsRoot, '16', 'bin', 'initdb'),
      pgCtl: join(versionsRoot, '16', 'bin', 'pg_ctl'),
      postgres: join(versionsRoot, '16', 'bin', 'postgres'),
      majorVersion: 16,
    });
  });

  it('reads the version of programs on PATH from postgres --version, preferring a newer one there', () => {
    const versionsRoot = join(root, 'postgresql');
    fakeInstall(join(versionsRoot, '15', 'bin'));
    fakeInstall(join(root, 'opt', 'bin'), '17.2');

    expect(findPostgresBinaries({ searchPath: join(root, 'opt', 'bin'), versionsRoot })).toMatchObject({ binDir: join(root, 'opt', 'bin'), majorVersion: 17 });
  });

  it('counts symlinks on PATH once, by their target', () => {
    const versionsRoot = join(root, 'postgresql');
    fakeInstall(join(versionsRoot, '15', 'bin'));
    const linkDir = join(root, 'local', 'bin');
    mkdirSync(linkDir, { recursive: true });
    for (const program of ['initdb', 'pg_ctl', 'postgres']) symlinkSync(join(versionsRoot, '15', 'bin', program), join(linkDir, program));

    expect(findPostgresBinaries({ searchPath: linkDir, versionsRoot })).toMatchObject({ binDir: join(versionsRoot, '15', 'bin'), majorVersion: 15 });
  });

  it('ignores a folder missing one of the three programs, and finds nothing when none is complete', () => {
    fakeInstall(join(root, 'client-only'), '15.14', ['pg_ctl', 'postgres']);
    expect(findPostgresBinaries({ searchPath: join(root, 'client-only'), versionsRoot: join(root, 'absent') })).toBeUndefined();
  });

  it('finds the server installed on this machine', () => {
    // Not a requirement of every machine: this documents what the repository's CI image provides.
    const found = findPostgresBinaries();
    if (found) expect(found.majorVersion).toBeGreaterThanOrEqual(12);
  });
});

describe('ensurePostgresBinaries', () => {
  const binaries: PostgresBinaries = { binDir: '/pg/bin', initdb: '/pg/bin/initdb', pgCtl: '/pg/bin/pg_ctl', postgres: '/pg/bin/postgres', majorVersion: 15 };

  it('returns binaries already installed without running anything', async () => {
    const run = jest.fn();
    await expect(ensurePostgresBinaries({ find: () => binaries, canInstallWithApt: () => true, run, log: () => undefined })).resolves.toBe(binaries);
    expect(run).not.toHaveBeenCalled();
  });

  it('says how to install them when it may not install them itself', async () => {
    const attempt = ensurePostgresBinaries({ find: () => undefined, canInstallWithApt: () => false, log: () => undefined });
    await expect(attempt).rejects.toThrow(PostgresSetupError);
    await expect(attempt).rejects.toThrow(/were not found on PATH or in \/usr\/lib\/postgresql\/\*\/bin\. Install the PostgreSQL server.*apt-get install -y postgresql/);
  });

  it('installs Debian postgresql with apt-get as root, showing progress', async () => {
    let installed = false;
    const calls: string[][] = [];
    const run = jest.fn(async (command: string, args: readonly string[], options?: Parameters<typeof runCommand>[2]) => {
      calls.push([command, ...args]);
      expect(options?.env?.['DEBIAN_FRONTEND']).toBe('noninteractive');
      options?.onLine?.(`working on ${args.at(-1)}`);
      if (args.includes('install')) installed = true;
      return '';
    });
    const lines: string[] = [];

    await expect(ensurePostgresBinaries({ find: () => (installed ? binaries : undefined), canInstallWithApt: () => true, run, log: (line) => lines.push(line) })).resolves.toBe(binaries);

    expect(calls).toEqual([
      ['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'update'],
      ['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'postgresql'],
    ]);
    expect(lines[0]).toMatch(/not found: installing the Debian package postgresql with apt-get/);
    expect(lines).toContain('apt-get: working on postgresql');
    expect(lines.at(-1)).toMatch(/^PostgreSQL 15 installed in \d+\.\d s \(\/pg\/bin\)$/);
  });

  it('fails with the install hint when apt-get fails', async () => {
    const run = jest.fn(async () => {
      throw new PostgresSetupError('apt-get update failed with exit code 100');
    });
    await expect(ensurePostgresBinaries({ find: () => undefined, canInstallWithApt: () => true, run, log: () => undefined })).rejects.toThrow(
      /Installing PostgreSQL with apt-get failed: apt-get update failed with exit code 100\nInstall the PostgreSQL server/,
    );
  });
});
