import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Client } from '@temporalio/client';
import { TaskQueues } from '@oioo/contracts';
import { createTemporalClient, loadTemporalConfig } from '@oioo/temporal';
import { installQuietTemporalRuntime } from '@oioo/testing';
import { loadNow, machineLine, median, runBenchmark, say } from './support/bench-report';
import { openCase, opaque, waitForState } from './support/casework-cases';
import { benchBundle, historyOf, lengthenHistory, timeReplay } from './support/long-history';
import { measure } from './support/measure';
import { type MemorySample } from './support/memory-worker';
import { visibilityTime, waitForCount } from './support/visibility';
import { startWorkerProcess } from './support/worker-process';

/** Cases cached at each point; the worker's sticky cache is sized to each. */
const CACHE_SIZES = (process.env['BENCH_MEMORY_CACHE_SIZES'] ?? '100,1000,10000').split(',').map(Number);
/** History lengths (events) to replay; the case continues as new at 4,000. */
const HISTORY_SIZES = (process.env['BENCH_REPLAY_HISTORY_SIZES'] ?? '1000,3500').split(',').map(Number);
/** Replays of each history; the figure is their median. */
const REPLAYS = Number(process.env['BENCH_REPLAYS'] ?? 7);
/** Signal-with-starts in flight while filling the cache (not measured). */
const START_CONCURRENCY = 32;
/** Polled by the memory workers, and by no other worker of the benchmarks. */
const QUEUE = TaskQueues.readmission;
const RESULTS_FILE = join(__dirname, 'results', 'worker-memory.md');

/** One cache size: the worker idle, then with the cases cached. */
interface CachePoint {
  size: number;
  idle: MemorySample;
  full: MemorySample;
  fillMs: number;
  load: string;
}

/** One history length: its events and replay times. */
interface ReplayPoint {
  events: number;
  replaysMs: number[];
}

/**
 * Worker memory per cached case: a worker alone in its process (sticky cache sized to N), measured idle
 * and again once N real readmission cases wait in `screening`, each cached; RSS and V8 heap after two full
 * collections. Then the time to replay a case with a short history and with long ones
 * (`Worker.runReplayHistory`, the production data converter).
 */
async function main(): Promise<void> {
  installQuietTemporalRuntime();
  const config = loadTemporalConfig(process.env);
  const client = await createTemporalClient(config);
  try {
    const caches: CachePoint[] = [];
    const failures: string[] = [];
    for (const size of CACHE_SIZES) {
      // A size the machine cannot hold (the worker process dies, or its cases never all settle) is reported, and the larger ones are left out.
      const point = await cachePoint(client, size).catch((error: unknown) => {
        failures.push(`- ${size.toLocaleString('en-GB')} cached cases: failed (${error instanceof Error ? error.message : String(error)}); larger sizes left out.`);
        return undefined;
      });
      if (!point) break;
      caches.push(point);
    }
    const replays = await replayPoints(client, config);
    const report = renderReport(caches, failures, replays);
    writeFileSync(RESULTS_FILE, report);
    process.stdout.write(`\n${report}\n`);
    say(`written to ${RESULTS_FILE}`);
  } finally {
    await client.connection.close();
  }
}

async function cachePoint(client: Client, size: number): Promise<CachePoint> {
  say(`a worker with a cache of ${size}`);
  const worker = await startWorkerProcess(QUEUE, size);
  try {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 3_000));
    const idle = await worker.measure();
    const load = loadNow();
    const since = visibilityTime(new Date());
    const began = performance.now();
    await measure(size, START_CONCURRENCY, () => openCase(client, `case_MEM${opaque(20)}`, QUEUE), (done) => say(`  ${done} of ${size} started`));
    await waitForCount(client, `WorkflowType = 'readmissionCaseWorkflow' AND CaseState = 'screening' AND StartTime >= '${since}'`, size, { pollMs: 1_000 });
    const fillMs = performance.now() - began;
    const full = await worker.measure();
    if (full.cachedWorkflows !== size) throw new Error(`the worker caches ${full.cachedWorkflows} workflows, not ${size}`);
    say(`  idle RSS ${mib(idle.rss)} MiB, with ${size} cached ${mib(full.rss)} MiB: ${kib((full.rss - idle.rss) / size)} KiB RSS and ${kib((full.heapUsed - idle.heapUsed) / size)} KiB heap per case`);
    return { size, idle, full, fillMs, load };
  } finally {
    await worker.stop();
  }
}

async function replayPoints(client: Client, config: ReturnType<typeof loadTemporalConfig>): Promise<ReplayPoint[]> {
  say('replay: a case with a short history, then lengthened');
  const worker = await startWorkerProcess(QUEUE, 100);
  try {
    const bundle = await benchBundle();
    const caseId = `case_REPLAY${opaque(20)}`;
    await openCase(client, caseId, QUEUE);
    await waitForState(client, caseId, 'screening');
    const points: ReplayPoint[] = [];
    for (const target of [0, ...HISTORY_SIZES]) {
      const events = await lengthenHistory(client, caseId, target);
      const history = await historyOf(client, caseId);
      const workflowId = `readmission:${caseId}`;
      await timeReplay(bundle, config, history, workflowId);
      const replaysMs: number[] = [];
      for (let replay = 0; replay < REPLAYS; replay += 1) replaysMs.push(await timeReplay(bundle, config, history, workflowId));
      say(`  ${events} events: replay median ${median(replaysMs).toFixed(0)} ms`);
      points.push({ events: history.events?.length ?? events, replaysMs });
    }
    return points;
  } finally {
    await worker.stop();
  }
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function kib(bytes: number): string {
  return (bytes / 2 ** 10).toFixed(1);
}

function renderReport(caches: CachePoint[], failures: string[], replays: ReplayPoint[]): string {
  const shortest = replays[0];
  return [
    '# Worker memory per cached case, and replay: benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}, the Temporal CLI dev server (SQLite) with payloads encrypted. One run. Each row is a worker alone in a process of its own (the benchmark's workflows, \`maxCachedWorkflows\` set to the row's size), measured idle (polling, nothing cached) and again once that many real readmission cases, started as identity starts them (${START_CONCURRENCY} in flight), wait in \`screening\` and are all in its sticky cache; RSS and V8's used heap after two full collections. Per case: the growth over idle, divided by the cases. Load is the machine's 1-minute load average when the cases began.`,
    '',
    '| cached cases | idle RSS MiB | RSS MiB | RSS per case KiB | idle heap MiB | heap MiB | heap per case KiB | external MiB | time to start and cache them | load |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...caches.map(
      (point) =>
        `| ${point.size.toLocaleString('en-GB')} | ${mib(point.idle.rss)} | ${mib(point.full.rss)} | ${kib((point.full.rss - point.idle.rss) / point.size)} | ${mib(point.idle.heapUsed)} | ${mib(point.full.heapUsed)} | ${kib((point.full.heapUsed - point.idle.heapUsed) / point.size)} | ${mib(point.full.external)} | ${(point.fillMs / 1000).toFixed(0)} s | ${point.load} |`,
    ),
    '',
    ...failures,
    ...(failures.length > 0 ? [''] : []),
    `## Replay of one case (\`Worker.runReplayHistory\`), by the length of its history`,
    '',
    `One case, replayed ${REPLAYS} times (after one not recorded) as it waits in \`screening\`, then lengthened with second Border Force records linked to it (R11: each a signal, noted on its timeline, in a workflow task of its own), and replayed again. The case continues as new at 4,000 events, so no history of a running case is longer.`,
    '',
    '| events | replay p50 ms | min ms | max ms | × the shortest |',
    '|---|---|---|---|---|',
    ...replays.map((point) => `| ${point.events} | ${median(point.replaysMs).toFixed(1)} | ${Math.min(...point.replaysMs).toFixed(1)} | ${Math.max(...point.replaysMs).toFixed(1)} | ${shortest ? `${(median(point.replaysMs) / median(shortest.replaysMs)).toFixed(1)}×` : '—'} |`),
    '',
  ].join('\n');
}

runBenchmark(main);
