import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StackError } from './console-progress';

/** True when a process with this id is alive. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder's lock, so a second `npm start` on the same data says so instead of
 * corrupting the databases. A lock left by a process that died is taken over.
 */
export function acquireStackLock(lockFile: string, what: string): () => void {
  if (existsSync(lockFile)) {
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new StackError(`${what} is already running (process ${holder}) on ${dirname(lockFile)}.`, `Stop it with Ctrl-C in its terminal (or kill ${holder}) before starting another.`);
    }
  }
  mkdirSync(dirname(lockFile), { recursive: true });
  writeFileSync(lockFile, `${process.pid}\n`);
  return () => {
    if (existsSync(lockFile) && readFileSync(lockFile, 'utf8').trim() === String(process.pid)) rmSync(lockFile);
  };
}
