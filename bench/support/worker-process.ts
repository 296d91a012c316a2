// The parent's side of memory-worker.ts: a bench worker in a process of its own, measured on request.
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { type TaskQueue } from '@oioo/contracts';
import { type MemorySample, type MemoryWorkerRequest } from './memory-worker';

const TS_REGISTER = join(__dirname, '..', '..', 'infra', 'scripts', 'register.cjs');

/** A worker process polling one task queue with a sticky cache of a given size. */
export interface WorkerProcess {
  /** Its memory after two full collections, and its cached workflows. */
  measure(): Promise<MemorySample>;
  stop(): Promise<void>;
}

/** Forks memory-worker.ts with --expose-gc and waits until its worker polls. */
export async function startWorkerProcess(taskQueue: TaskQueue, maxCachedWorkflows: number): Promise<WorkerProcess> {
  const child = fork(join(__dirname, 'memory-worker.ts'), [], {
    execArgv: ['--expose-gc', '-r', TS_REGISTER],
    env: { ...process.env, BENCH_MEMORY_QUEUE: taskQueue, BENCH_MEMORY_CACHE_SIZE: String(maxCachedWorkflows) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await nextMessage(child);
  return {
    measure: async () => {
      const answer = nextMessage(child);
      child.send('measure' satisfies MemoryWorkerRequest);
      return (await answer) as MemorySample;
    },
    stop: async () => {
      const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
      child.send('stop' satisfies MemoryWorkerRequest);
      await exited;
    },
  };
}

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the worker process exited (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolvePromise(message);
    });
  });
}
