// Child process entry: a bench worker alone in its process, so its memory is the worker's only. Started by worker-process.ts.
import { type TaskQueue } from '@oioo/contracts';
import { startBenchWorker } from './bench-worker';

/** What the parent asks. */
export type MemoryWorkerRequest = 'measure' | 'stop';

/** What the worker answers to `measure`: its memory after two full collections, and how many workflows it has cached. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
  cachedWorkflows: number;
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc || !process.send) throw new Error('memory-worker.ts runs as a child of worker-process.ts, with --expose-gc');
  const worker = await startBenchWorker(process.env, {
    taskQueue: process.env['BENCH_MEMORY_QUEUE'] as TaskQueue,
    maxCachedWorkflows: Number(process.env['BENCH_MEMORY_CACHE_SIZE']),
  });
  process.on('message', (request: MemoryWorkerRequest) => {
    if (request === 'stop') {
      void worker.stop().then(() => process.exit(0));
      return;
    }
    gc();
    gc();
    const { rss, heapUsed, external } = process.memoryUsage();
    const sample: MemorySample = { rss, heapUsed, external, cachedWorkflows: worker.cachedWorkflows() };
    process.send?.(sample);
  });
  process.send('ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`memory worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
