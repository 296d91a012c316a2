import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackError } from './console-progress';
import { acquireStackLock } from './stack-lock';

const lockIn = () => join(mkdtempSync(join(tmpdir(), 'oioo-lock-')), 'dev.lock');

describe('stack lock', () => {
  it('refuses a second start while the first one runs, naming its process', () => {
    const lock = lockIn();
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(lock, `${process.ppid}\n`);
    expect(() => acquireStackLock(lock, 'npm start')).toThrow(StackError);
    expect(() => acquireStackLock(lock, 'npm start')).toThrow(`npm start is already running (process ${process.ppid})`);
  });

  it('takes over a lock left by a process that died, and releases it', () => {
    const lock = lockIn();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(lock, `${dead}\n`);
    const release = acquireStackLock(lock, 'npm start');
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lock)).toBe(false);
  });
});
