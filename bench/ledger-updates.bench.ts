import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { eoiWorkflowId, ledgerWorkflowId } from '@oioo/contracts';
import { type LedgerPolicy } from '@oioo/domain';
import { createEncryptionCodec } from '@oioo/temporal';
import {
  type LedgerBalanceView,
  type LedgerSnapshot,
  balanceQuery,
  equivalenceLedgerWorkflow,
  readmissionConfirmedSignal,
  requestPlacesUpdate,
} from '@oioo/workflows-equivalence-ledger';
import { BENCH_TASK_QUEUE, type BenchWorker, startBenchWorker } from './support/bench-worker';
import { type Measurement, measure, percentile, quarterMedians, throughput } from './support/measure';
import { echoUpdate, echoWorkflow, finishSignal, releaseReceiverWorkflow } from './workflows/bench-workflows';

/** Calls in the one-at-a-time series, and in the concurrent ones. */
const SEQUENTIAL_CALLS = Number(process.env['BENCH_SEQUENTIAL_CALLS'] ?? 300);
const CONCURRENT_CALLS = Number(process.env['BENCH_CONCURRENT_CALLS'] ?? 2000);
const RELEASED_CALLS = Number(process.env['BENCH_RELEASED_CALLS'] ?? 500);
/**
 * Callers in flight at once in the concurrent series: EOI cases asking at the same moment. Below the
 * server's limit of 10 Updates in flight per workflow (`history.maxInFlightUpdates`), past which it refuses
 * with RESOURCE_EXHAUSTED and the caller backs off.
 */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const RESULTS_FILE = join(__dirname, 'results', 'ledger-updates.md');

/** A progress line, as the stack's scripts print them. */
function say(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

/** Told how many calls of a series are done. */
type Progress = (done: number) => void;

/** One row of the results table; only an Update compares with the baseline Update, a signal is another kind of call. */
interface Row {
  series: string;
  kind: 'update' | 'signal';
  measurement: Measurement;
}

/** Runs one measured series and adds it to the table. */
type RunSeries = (series: string, kind: Row['kind'], work: (progress: Progress) => Promise<Measurement>) => Promise<Measurement>;

/**
 * How fast the equivalence ledger, one workflow that every EOI case of the pilot asks for places,
 * answers its Updates, against a baseline Update that does nothing but count, on the same server in the
 * same run; and how big the state it carries across continue-as-new grows. `npm run bench` runs it on a
 * fresh Temporal dev server; it writes bench/results/ledger-updates.md.
 */
async function main(): Promise<void> {
  const server = await startBenchWorker();
  try {
    const rows: Row[] = [];
    const run: RunSeries = async (series, kind, work) => {
      say(`${series} ...`);
      const startedAt = performance.now();
      const measurement = await work((done) => say(`  ${done} calls in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`));
      say(`${series}: ${throughput(measurement).toFixed(0)} calls/s, p50 ${percentile(measurement.latenciesMs, 0.5).toFixed(1)} ms`);
      rows.push({ series, kind, measurement });
      return measurement;
    };

    await run('baseline Update, one at a time', 'update', (progress) => echoSeries(server.client, SEQUENTIAL_CALLS, 1, progress));
    await run('ledger requestPlaces (held), one at a time', 'update', (progress) => heldSeries(server.client, SEQUENTIAL_CALLS, 1, progress).then(({ measurement }) => measurement));
    await run(`baseline Update, ${CONCURRENCY} in flight`, 'update', (progress) => echoSeries(server.client, CONCURRENT_CALLS, CONCURRENCY, progress));
    let heldLedger: WorkflowHandle<typeof equivalenceLedgerWorkflow> | undefined;
    await run(`ledger requestPlaces (held), ${CONCURRENCY} in flight`, 'update', async (progress) => {
      const held = await heldSeries(server.client, CONCURRENT_CALLS, CONCURRENCY, progress);
      heldLedger = held.ledger;
      return held.measurement;
    });
    const released = await releasedSeries(server.client, RELEASED_CALLS, CONCURRENCY, run);
    const carried = await carriedSnapshot(server, heldLedger as WorkflowHandle<typeof equivalenceLedgerWorkflow>);

    const report = renderReport(rows, released, carried);
    writeFileSync(RESULTS_FILE, report);
    process.stdout.write(`\n${report}\n`);
    say(`written to ${RESULTS_FILE}`);
  } finally {
    await server.stop();
  }
}

/** The baseline: Updates on a workflow whose handler only counts. */
async function echoSeries(client: Client, calls: number, concurrency: number, progress: Progress): Promise<Measurement> {
  const handle = await client.workflow.start(echoWorkflow, { taskQueue: BENCH_TASK_QUEUE, workflowId: `bench-echo-${randomUUID()}` });
  const measurement = await measure(calls, concurrency, () => handle.executeUpdate(echoUpdate, { args: [{ commandId: randomUUID() }] }), progress);
  await handle.signal(finishSignal);
  const counted = await handle.result();
  if (counted !== calls) throw new Error(`the baseline counted ${counted} Updates, not ${calls}`);
  return measurement;
}

/** Requests for places on a ledger with no readmissions: each is held, and the queue grows with every call (E6). */
async function heldSeries(client: Client, calls: number, concurrency: number, progress: Progress) {
  const ledger = await openLedger(client);
  const measurement = await measure(calls, concurrency, async (index) => {
    const result = await requestPlaces(ledger, `eoi_BENCH${String(index).padStart(8, '0')}${randomUUID().slice(0, 8).toUpperCase()}`);
    if (result.status !== 'held') throw new Error(`request ${index} was ${result.status}, not held`);
  }, progress);
  const balance = await ledger.query(balanceQuery);
  if (balance.eoisHeld !== calls) throw new Error(`the ledger holds ${balance.eoisHeld} EOIs, not ${calls}`);
  return { ledger, measurement };
}

/**
 * Requests that are released at once, each release then signalled to its EOI's workflow by the ledger:
 * readmissions are confirmed first (a signal series of their own), and each EOI has its receiver running.
 */
async function releasedSeries(client: Client, calls: number, concurrency: number, run: RunSeries) {
  const ledger = await openLedger(client, { weeklyCap: calls });
  await run(`readmissionConfirmed signals, ${concurrency} in flight`, 'signal', (progress) =>
    measure(calls, concurrency, (index) => ledger.signal(readmissionConfirmedSignal, { caseId: `case_BENCH${String(index).padStart(8, '0')}`, confirmedAt: new Date().toISOString() }), progress),
  );
  const eoiIds = Array.from({ length: calls }, (_, index) => `eoi_BENCHREL${String(index).padStart(8, '0')}`);
  await measure(calls, concurrency, (index) =>
    client.workflow.start(releaseReceiverWorkflow, { taskQueue: BENCH_TASK_QUEUE, workflowId: eoiWorkflowId(eoiIds[index] as string) }),
  );
  const startedAt = performance.now();
  await run(`ledger requestPlaces (released), ${concurrency} in flight`, 'update', (progress) =>
    measure(
      calls,
      concurrency,
      async (index) => {
        const result = await requestPlaces(ledger, eoiIds[index] as string);
        if (result.status !== 'released') throw new Error(`request ${index} was ${result.status}, not released`);
      },
      progress,
    ),
  );
  const balance = await waitForDeliveries(ledger, calls);
  return { calls, allToldMs: performance.now() - startedAt, balance };
}

/** A fresh pilot's ledger on the bench server. */
async function openLedger(client: Client, policy: Partial<LedgerPolicy> = {}): Promise<WorkflowHandle<typeof equivalenceLedgerWorkflow>> {
  const pilotId = `pilot_BENCH${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`;
  return client.workflow.start(equivalenceLedgerWorkflow, { taskQueue: BENCH_TASK_QUEUE, workflowId: ledgerWorkflowId(pilotId), args: [{ pilotId, policy }] });
}

/** One request for a single person's places, as an EOI case's activity makes it. */
function requestPlaces(ledger: WorkflowHandle<typeof equivalenceLedgerWorkflow>, eoiId: string) {
  return ledger.executeUpdate(requestPlacesUpdate, {
    args: [{ commandId: randomUUID(), eoiId, people: 1, submittedAt: new Date().toISOString(), nationalities: ['SDN'], ukLinkWithin5Years: false }],
  });
}

/** Waits until the ledger has told every released EOI's workflow (each one a signal from the ledger). */
async function waitForDeliveries(ledger: WorkflowHandle<typeof equivalenceLedgerWorkflow>, count: number): Promise<LedgerBalanceView> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const balance = await ledger.query(balanceQuery);
    if (balance.notifications.undelivered.length > 0) throw new Error(`${balance.notifications.undelivered.length} releases could not be delivered`);
    if (balance.notifications.delivered >= count) return balance;
    if (Date.now() > deadline) throw new Error(`the ledger told ${balance.notifications.delivered} of ${count} EOIs in 5 minutes`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
  }
}

/** What the held ledger's latest run was handed at its continue-as-new: the state a long pilot carries. */
async function carriedSnapshot(server: BenchWorker, ledger: WorkflowHandle<typeof equivalenceLedgerWorkflow>) {
  const startedOf = async (runId: string) =>
    (await server.client.workflow.getHandle(ledger.workflowId, runId).fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
  const latest = await startedOf((await server.client.workflow.getHandle(ledger.workflowId).describe()).runId);
  let runs = 1;
  for (let previous = latest?.continuedExecutionRunId; previous; previous = (await startedOf(previous))?.continuedExecutionRunId) runs += 1;
  const stored = latest?.input?.payloads?.[0];
  if (!stored?.data) return { runs, snapshot: undefined };
  const [decoded] = await createEncryptionCodec(server.config).decode([stored]);
  const carried = defaultPayloadConverter.fromPayload<{ carried?: LedgerSnapshot }>(decoded as NonNullable<typeof decoded>).carried;
  if (!carried) return { runs, snapshot: undefined };
  return {
    runs,
    snapshot: {
      storedBytes: stored.data.length,
      jsonBytes: Buffer.byteLength(JSON.stringify(carried)),
      eois: Object.keys(carried.ledger.eois).length,
      commands: Object.keys(carried.ledger.commands).length,
    },
  };
}

/** The results as markdown: the table, the release time and the carried state. */
function renderReport(rows: Row[], released: Awaited<ReturnType<typeof releasedSeries>>, carried: Awaited<ReturnType<typeof carriedSnapshot>>): string {
  const baselineOf = (row: Row) => rows.find((candidate) => candidate.series.startsWith('baseline') && candidate.measurement.concurrency === row.measurement.concurrency);
  const ratioOf = (row: Row) => {
    const baseline = baselineOf(row);
    if (row.kind !== 'update' || !baseline) return '—';
    return baseline === row ? '1×' : `${(throughput(row.measurement) / throughput(baseline.measurement)).toFixed(2)}×`;
  };
  const table = rows.map((row) => {
    const { measurement } = row;
    const quarters = measurement.calls >= 1000 ? quarterMedians(measurement).map((median) => median.toFixed(1)).join(' / ') : '';
    return `| ${row.series} | ${measurement.calls} | ${throughput(measurement).toFixed(0)} | ${ratioOf(row)} | ${percentile(measurement.latenciesMs, 0.5).toFixed(1)} | ${percentile(measurement.latenciesMs, 0.95).toFixed(1)} | ${percentile(measurement.latenciesMs, 0.99).toFixed(1)} | ${quarters} |`;
  });
  const snapshot = carried.snapshot;
  return [
    '# Ledger Updates: benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, the Temporal CLI dev server (SQLite) with payloads encrypted. One run; the baseline is an Update that only counts, on the same server in the same run.`,
    '',
    '| series | calls | calls/s | vs baseline | p50 ms | p95 ms | p99 ms | p50 by quarter, ms |',
    '|---|---|---|---|---|---|---|---|',
    ...table,
    '',
    `- Released places, from the first request to the last EOI workflow told by the ledger's signal: ${released.calls} in ${(released.allToldMs / 1000).toFixed(1)} s (${((released.calls * 1000) / released.allToldMs).toFixed(0)} per second).`,
    snapshot
      ? `- State carried across continue-as-new by the held ledger (${carried.runs} runs for ${CONCURRENT_CALLS} requests): ${(snapshot.storedBytes / 1024).toFixed(0)} KiB stored (${(snapshot.jsonBytes / 1024).toFixed(0)} KiB of JSON) for ${snapshot.eois} EOIs and ${snapshot.commands} command records, about ${(snapshot.storedBytes / Math.max(snapshot.eois, 1)).toFixed(0)} bytes per EOI.`
      : `- The held ledger did not continue as new during the run (${carried.runs} run).`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  const causes: string[] = [];
  for (let cause: unknown = error; cause; cause = cause instanceof Error ? cause.cause : undefined) causes.push(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
  process.stderr.write(`\n✖ the benchmark failed: ${causes.join('\n  caused by ')}\n`);
  process.exitCode = 1;
});
