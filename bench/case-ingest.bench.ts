import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TaskQueues } from '@oioo/contracts';
import { type Client } from '@temporalio/client';
import { connectBorderForce, publishArrivals, startIdentity } from './support/arrival-ingest';
import { loadNow, machineLine, median, runBenchmark, say } from './support/bench-report';
import { startBenchWorker } from './support/bench-worker';
import { measure } from './support/measure';
import { visibilityTime, waitForCount } from './support/visibility';
import { noopSignal, noopWorkflow } from './workflows/bench-workflows';

/** Arrivals per measured round, and rounds per path (the figure is their median). */
const ROUND_SIZE = Number(process.env['BENCH_INGEST_ROUND_SIZE'] ?? 300);
const ROUNDS = Number(process.env['BENCH_INGEST_ROUNDS'] ?? 3);
/** Arrivals of the round before the measured ones: connections, JIT, the bundle and identity's tables warm up. */
const WARMUP_SIZE = Number(process.env['BENCH_INGEST_WARMUP'] ?? 30);
/** In flight at once on both paths: identity's consumer handles one arrival at a time (partitionsConsumedConcurrently 1). */
const CONCURRENCY = 1;
const RESULTS_FILE = join(__dirname, 'results', 'case-ingest.md');

/** One round of one path. */
interface Round {
  path: 'ingest' | 'baseline';
  count: number;
  elapsedMs: number;
  load: string;
}

/**
 * Arrivals per second from Border Force's publish on Kafka to a case waiting for screening: identity
 * consumes each, screens it (R11) and signal-with-starts the real readmission case, which the worker runs
 * to `screening`. The baseline: the same number of signal-with-starts of a workflow that only ends, one at
 * a time as identity's consumer sends them, until all have ended. Rounds of the two alternate.
 */
async function main(): Promise<void> {
  const worker = await startBenchWorker(process.env, { taskQueue: TaskQueues.readmission });
  const identity = await startIdentity();
  const producer = await connectBorderForce();
  try {
    const client = worker.client;
    const rounds: Round[] = [];
    const run = async (path: Round['path'], count: number, record: boolean) => {
      const startedAt = new Date();
      const load = loadNow();
      const began = performance.now();
      if (path === 'ingest') await ingestRound(client, producer, count, startedAt);
      else await baselineRound(client, count, startedAt);
      const elapsedMs = performance.now() - began;
      say(`  ${path}: ${count} in ${(elapsedMs / 1000).toFixed(1)} s, ${((count * 1000) / elapsedMs).toFixed(1)}/s (load ${load})`);
      if (record) rounds.push({ path, count, elapsedMs, load });
    };
    say(`warm-up: ${WARMUP_SIZE} of each (not recorded)`);
    await run('ingest', WARMUP_SIZE, false);
    await run('baseline', WARMUP_SIZE, false);
    for (let round = 0; round < ROUNDS; round += 1) {
      say(`round ${round + 1} of ${ROUNDS}: ${ROUND_SIZE} of each`);
      for (const path of round % 2 === 0 ? (['baseline', 'ingest'] as const) : (['ingest', 'baseline'] as const)) await run(path, ROUND_SIZE, true);
    }
    const report = renderReport(rounds);
    writeFileSync(RESULTS_FILE, report);
    process.stdout.write(`\n${report}\n`);
    say(`written to ${RESULTS_FILE}`);
  } finally {
    await producer.disconnect();
    await identity.close();
    await worker.stop();
  }
}

/** Publishes `count` arrivals and waits until exactly that many new cases wait in `screening`. */
async function ingestRound(client: Client, producer: Awaited<ReturnType<typeof connectBorderForce>>, count: number, since: Date): Promise<void> {
  const query = `WorkflowType = 'readmissionCaseWorkflow' AND CaseState = 'screening' AND StartTime >= '${visibilityTime(since)}'`;
  await publishArrivals(producer, count, randomUUID());
  await waitForCount(client, query, count);
}

/** Signal-with-starts `count` no-op workflows one at a time, then waits until all have ended. */
async function baselineRound(client: Client, count: number, since: Date): Promise<void> {
  const run = randomUUID().slice(0, 8);
  await measure(count, CONCURRENCY, (index) =>
    client.workflow.signalWithStart(noopWorkflow, {
      taskQueue: TaskQueues.readmission,
      workflowId: `bench-noop-${run}-${index}`,
      signal: noopSignal,
      signalArgs: [{ eventId: randomUUID() }],
    }),
  );
  await waitForCount(client, `WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Completed' AND StartTime >= '${visibilityTime(since)}'`, count);
}

function renderReport(rounds: Round[]): string {
  const rate = (round: Round) => (round.count * 1000) / round.elapsedMs;
  const medianOf = (path: Round['path']) => median(rounds.filter((round) => round.path === path).map(rate));
  const ingest = medianOf('ingest');
  const baseline = medianOf('baseline');
  return [
    '# Case ingest: benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}, the Temporal CLI dev server (SQLite) with payloads encrypted, one Kafka broker (KRaft), identity and the worker in the benchmark's process, identity on in-memory PGlite. One run. A round of the ingest path publishes ${ROUND_SIZE} arrivals of new people on \`border-force.arrival.recorded.v1\` (32 sends in flight) and ends when visibility counts ${ROUND_SIZE} new readmission cases in \`screening\`: identity consumed each (one at a time), screened it under its lock (R11) and signal-with-started the real readmission case, which the worker ran to \`screening\`. A round of the baseline signal-with-starts ${ROUND_SIZE} workflows that end on their signal, one at a time as identity does, and ends when visibility counts them completed. The rounds alternate; load is the machine's 1-minute load average at each round's start.`,
    '',
    '| round | path | arrivals | seconds | per second | load |',
    '|---|---|---|---|---|---|',
    ...rounds.map((round, index) => `| ${Math.floor(index / 2) + 1} | ${round.path === 'ingest' ? 'publish → case in screening' : 'baseline: bare signal-with-start'} | ${round.count} | ${(round.elapsedMs / 1000).toFixed(1)} | ${rate(round).toFixed(1)} | ${round.load} |`),
    '',
    `- Median: **${ingest.toFixed(1)} arrivals/s** end to end against **${baseline.toFixed(1)}/s** for the bare signal-with-start: **${(ingest / baseline).toFixed(2)}×** the baseline.`,
    `- Identity's register grows by every case of the run (${WARMUP_SIZE + ROUND_SIZE * ROUNDS} by the end), and its screening scans all of it (\`results/arrival-screening.md\`).`,
    '',
  ].join('\n');
}

runBenchmark(main);
