import 'reflect-metadata';
import { type Client } from '@temporalio/client';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNow, machineLine, runBenchmark, say } from './support/bench-report';
import { startBenchWorker } from './support/bench-worker';
import { type CaseworkApi, Session, startCaseworkApi, useVault } from './support/casework-api';
import { CASEWORKER, TEAM, checkScreened, freshCases } from './support/casework-cases';
import { type Measurement, measure, percentile } from './support/measure';
import { type LoadResult, OPEN_CASES_QUERY, loadOpenCases } from './support/open-case-load';
import { TaskQueues } from '@oioo/contracts';

/** The open-case counts to measure at, in order. */
const POINTS = (process.env['BENCH_OPEN_CASES_POINTS'] ?? '0,10000,50000').split(',').map(Number);
/** Caseworker steps, one at a time, at each point; and work-queue listings. */
const STEP_CALLS = Number(process.env['BENCH_OPEN_CASES_STEP_CALLS'] ?? 50);
const QUEUE_CALLS = Number(process.env['BENCH_OPEN_CASES_QUEUE_CALLS'] ?? 10);
/** Minutes the whole load may take; past them it stops and measures where it got to. */
const LOAD_MINUTES = Number(process.env['BENCH_OPEN_CASES_LOAD_MINUTES'] ?? 30);
/** The worker's sticky cache: bounded, as in production, where a worker never holds every open case (see results/worker-memory.md). */
const WORKER_CACHE = Number(process.env['BENCH_OPEN_CASES_WORKER_CACHE'] ?? 1000);
/** The open cases' own task queue, polled by the loader worker only. */
const LOAD_QUEUE = TaskQueues.readmission;
const RESULTS_FILE = join(__dirname, 'results', 'open-cases.md');

/** What was measured at one point. */
interface Point {
  target: number;
  open: number;
  load?: LoadResult;
  steps: Measurement;
  queue: Measurement;
  queueTotal: number;
  queueTruncated: boolean;
  count: Measurement;
  loadAverage: string;
}

/**
 * A caseworker's step (the screening Update through the casework API) and the work-queue listing (a
 * visibility query) with 0, 10,000 and 50,000 open readmission cases on the server. Between points, the
 * server is filled with real cases waiting in `screening`, started as identity starts them. The baseline
 * of each figure is its value at the first point, in the same run.
 */
async function main(): Promise<void> {
  const issuer = process.env['OIDC_ISSUER_URL'];
  if (!issuer || !CASEWORKER) throw new Error('OIDC_ISSUER_URL is not set (or alice is gone): run `npm run bench`, which starts the OpenID Connect provider');
  // The open cases run on a worker of their own without the data-key vault, their payloads encrypted with the
  // key ring: with the vault, every new case's key was made over HTTP in this process, and the worker ran the
  // load's cases to `screening` at about 4 a second under this machine's load. They are open cases on the
  // server all the same, which is what the step and the queue are measured against.
  const loader = await startBenchWorker({ ...process.env }, { taskQueue: LOAD_QUEUE, maxCachedWorkflows: WORKER_CACHE });
  const api = await startCaseworkApi();
  let worker: Awaited<ReturnType<typeof startBenchWorker>> | undefined;
  try {
    worker = await startBenchWorker(useVault(api), { maxCachedWorkflows: WORKER_CACHE });
    const client = worker.client;
    const session = new Session(issuer, CASEWORKER.username);
    const deadline = Date.now() + LOAD_MINUTES * 60_000;
    const points: Point[] = [];
    for (const target of POINTS) {
      say(`point: ${target} open cases`);
      const load = target > 0 ? await loadOpenCases(loader.client, target, deadline, LOAD_QUEUE) : undefined;
      if (load) say(`  loaded ${load.added} cases: started in ${(load.startMs / 1000).toFixed(0)} s, all in screening ${(load.settleMs / 1000).toFixed(0)} s later`);
      points.push(await measurePoint(api, client, session, target, load));
      // Written after every point, so a run stopped during a later, longer load keeps what it measured.
      writeFileSync(RESULTS_FILE, renderReport(points));
      if (load?.stoppedShort) {
        say(`  the load passed its limit of ${LOAD_MINUTES} minutes; the points after this one are left out`);
        break;
      }
    }
    process.stdout.write(`\n${renderReport(points)}\n`);
    say(`written to ${RESULTS_FILE}`);
  } finally {
    await worker?.stop();
    await api.close();
    await loader.stop();
  }
}

/** Steps on fresh cases, then the work queue and visibility's count, all one at a time. */
async function measurePoint(api: CaseworkApi, client: Client, session: Session, target: number, load: LoadResult | undefined): Promise<Point> {
  const cases = await freshCases(client, STEP_CALLS + 5);
  await session.refresh();
  const loadAverage = loadNow();
  const open = (await client.workflow.count(OPEN_CASES_QUERY)).count;
  // Warm-up, not recorded: the first calls after a load pay for cold caches.
  await measure(5, 1, (index) => api.screen(session.token, cases[STEP_CALLS + index] as string));
  const steps = await measure(STEP_CALLS, 1, (index) => api.screen(session.token, cases[index] as string));
  await checkScreened(client, cases);
  let listed = { total: 0, truncated: false };
  const queue = await measure(QUEUE_CALLS, 1, async () => {
    listed = await api.workQueue(session.token);
  });
  const count = await measure(QUEUE_CALLS, 1, () => client.workflow.count(OPEN_CASES_QUERY));
  say(`  ${open} open: step p50 ${percentile(steps.latenciesMs, 0.5).toFixed(1)} ms, work queue p50 ${percentile(queue.latenciesMs, 0.5).toFixed(0)} ms (${listed.total} listed${listed.truncated ? ', truncated' : ''}), count p50 ${percentile(count.latenciesMs, 0.5).toFixed(0)} ms (load ${loadAverage})`);
  return { target, open, ...(load ? { load } : {}), steps, queue, queueTotal: listed.total, queueTruncated: listed.truncated, count, loadAverage };
}

function renderReport(points: Point[]): string {
  const ms = (measurement: Measurement, fraction: number) => percentile(measurement.latenciesMs, fraction).toFixed(1);
  const first = points[0];
  const times = (value: number, base: number | undefined) => (base ? `${(value / base).toFixed(2)}×` : '—');
  const loads = points.filter((point) => point.load);
  return [
    '# A caseworker step and the work queue, by open cases: benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}, the Temporal CLI dev server (SQLite) with payloads encrypted, the local OpenID Connect provider, the casework API and the worker in the benchmark's process (its sticky cache holds ${WORKER_CACHE.toLocaleString('en-GB')} cases). One run. At each point: ${STEP_CALLS} caseworker steps one at a time (\`POST /api/v1/readmission-cases/{caseId}/screening\` as alice, a fresh case each, after 5 not recorded); ${QUEUE_CALLS} listings of alice's work queue (\`GET /api/v1/work-queue\`: a visibility query of running readmission and EOI cases waiting on a person in her team, read up to \`CASEWORK_QUEUE_SCAN_LIMIT\`, 5,000 by default, then sorted); and ${QUEUE_CALLS} visibility counts of the open cases. The open cases are real readmission cases started as identity starts them, all in team ${TEAM}, waiting in \`screening\`. "× first" compares with the first point, in the same run. Load is the machine's 1-minute load average when the point's calls began.`,
    '',
    '| open cases | step p50 ms | step p95 ms | × first (p50) | work queue p50 ms | p95 ms | × first (p50) | listed | count p50 ms | load |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...points.map(
      (point) =>
        `| ${point.open.toLocaleString('en-GB')} | ${ms(point.steps, 0.5)} | ${ms(point.steps, 0.95)} | ${times(percentile(point.steps.latenciesMs, 0.5), first && percentile(first.steps.latenciesMs, 0.5))} | ${ms(point.queue, 0.5)} | ${ms(point.queue, 0.95)} | ${times(percentile(point.queue.latenciesMs, 0.5), first && percentile(first.queue.latenciesMs, 0.5))} | ${point.queueTotal}${point.queueTruncated ? ' (truncated)' : ''} | ${ms(point.count, 0.5)} | ${point.loadAverage} |`,
    ),
    '',
    ...loads.map((point) => {
      const load = point.load as LoadResult;
      return `- Loading to ${point.target.toLocaleString('en-GB')}: ${load.added.toLocaleString('en-GB')} cases started in ${(load.startMs / 1000).toFixed(0)} s (${((load.added * 1000) / load.startMs).toFixed(0)}/s, 32 signal-with-starts in flight), all in \`screening\` ${(load.settleMs / 1000).toFixed(0)} s after the last start.${load.stoppedShort ? ` Stopped short: the load passed its limit of ${LOAD_MINUTES} minutes.` : ''}`;
    }),
    '',
  ].join('\n');
}

runBenchmark(main);
