import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchWorker } from './support/bench-worker';
import { Session, startCaseworkApi, useVault } from './support/casework-api';
import { CASEWORKER, PATHS, type Path, TEAM, checkScreened, directScreening, prepareCases, stepEvents } from './support/casework-cases';
import { type Row, renderReport } from './support/casework-report';
import { type Measurement, measure, percentile, throughput } from './support/measure';
import { timeParts } from './support/step-breakdown';

/** Calls per path in the one-at-a-time series, and in the concurrent one (0 leaves it out). */
const STEP_CALLS = Number(process.env['BENCH_STEP_CALLS'] ?? 200);
const CONCURRENT_CALLS = Number(process.env['BENCH_STEP_CONCURRENT_CALLS'] ?? 200);
/** Calls in flight at once in the concurrent series: several caseworkers clicking at the same moment. */
const CONCURRENCY = Number(process.env['BENCH_STEP_CONCURRENCY'] ?? 8);
/** Calls per path before anything is recorded: connections, JIT, the JWKS and the worker's caches warm up. */
const WARMUP_CALLS = Number(process.env['BENCH_STEP_WARMUP_CALLS'] ?? 10);
/** API steps timed part by part after the measured series, one at a time and as many again in flight (0 leaves it out). */
const BREAKDOWN_CALLS = Number(process.env['BENCH_STEP_BREAKDOWN_CALLS'] ?? 100);
/**
 * In the concurrent series the two paths take turns in blocks of this many calls, so the calls in flight
 * are all of one path (neither competes with the other) while drift over the run still hits both alike.
 */
const CONCURRENT_BLOCK = 40;
const RESULTS_FILE = join(__dirname, 'results', 'casework-step.md');

/** A progress line, as the stack's scripts print them. */
function say(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

/** Takes the step on one case, checking the answer; throws on a wrong one. */
type TakeStep = (caseId: string) => Promise<void>;

/**
 * How long a caseworker's step takes through the casework API (token verified against the provider's
 * JWKS, the case described for its team, the Idempotency-Key claimed in PGlite, the Update, the answer
 * stored) against the same Update sent straight to Temporal, on the same server in the same run, the two
 * interleaved. `npm run bench` runs it on a fresh Temporal dev server and the local OpenID Connect
 * provider; it writes bench/results/casework-step.md.
 */
async function main(): Promise<void> {
  if (!CASEWORKER || CASEWORKER.team !== TEAM || !CASEWORKER.roles.includes('caseworker')) throw new Error(`alice is no longer a caseworker of ${TEAM} in infra/oidc/seeded-people.ts`);
  const issuer = process.env['OIDC_ISSUER_URL'];
  if (!issuer) throw new Error('OIDC_ISSUER_URL is not set: run `npm run bench`, which starts the OpenID Connect provider');
  // The API first: it is the data-key vault the worker needs to read the payloads of its Updates (S4).
  const api = await startCaseworkApi();
  let worker: Awaited<ReturnType<typeof startBenchWorker>> | undefined;
  try {
    worker = await startBenchWorker(useVault(api));
    const session = new Session(issuer, CASEWORKER.username);
    await session.refresh();
    const me = await api.me(session.token);
    if (me.actorId !== CASEWORKER.sub || me.team !== TEAM) throw new Error(`the API takes alice's token to be ${JSON.stringify(me)}`);
    say(`casework API at ${api.baseUrl}, signed in as ${CASEWORKER.username} (${me.actorId}, ${me.team})`);

    const client = worker.client;
    const take: Record<Path, TakeStep> = {
      api: (caseId) => api.screen(session.token, caseId),
      direct: (caseId) => directScreening(client, caseId),
    };
    const rows: Row[] = [];
    const events: Partial<Record<Path, string[]>> = {};
    const series = async (title: string, callsPerPath: number, concurrency: number, block: number, record: boolean) => {
      const cases = await prepareCases(client, callsPerPath);
      await session.refresh();
      say(`${title} ...`);
      const measured = await interleaved(callsPerPath, concurrency, block, take, cases, (done) => say(`  ${done} of ${callsPerPath * 2} calls`));
      await checkScreened(client, [...cases.api, ...cases.direct]);
      for (const path of PATHS) events[path] ??= await stepEvents(client, cases[path][0] as string);
      for (const path of ['direct', 'api'] as const) {
        const { measurement, cpuMs } = measured[path];
        say(`  ${label(path)}: ${throughput(measurement).toFixed(0)} calls/s, p50 ${percentile(measurement.latenciesMs, 0.5).toFixed(1)} ms, p95 ${percentile(measurement.latenciesMs, 0.95).toFixed(1)} ms`);
        if (record) rows.push({ series: `${label(path)}, ${concurrency === 1 ? 'one at a time' : `${concurrency} in flight`}`, path, measurement, cpuMsPerCall: cpuMs / measurement.calls });
      }
    };

    await series('warm-up (not recorded)', WARMUP_CALLS, 1, 1, false);
    const idleCpu = await cpuAtRest(2_000);
    await series('one at a time, the two paths taking turns call by call', STEP_CALLS, 1, 1, true);
    if (CONCURRENT_CALLS > 0) await series(`${CONCURRENCY} in flight, the two paths taking turns in blocks of ${CONCURRENT_BLOCK}`, CONCURRENT_CALLS, CONCURRENCY, CONCURRENT_BLOCK, true);
    const breakdown = BREAKDOWN_CALLS > 0 ? await timeParts(api, client, session, BREAKDOWN_CALLS, CONCURRENT_CALLS > 0 ? CONCURRENCY : undefined, say) : undefined;

    const report = renderReport(rows, events, idleCpu, breakdown, { concurrency: CONCURRENCY, block: CONCURRENT_BLOCK });
    writeFileSync(RESULTS_FILE, report);
    process.stdout.write(`\n${report}\n`);
    say(`written to ${RESULTS_FILE}`);
  } finally {
    await worker?.stop();
    await api.close();
  }
}

/** This process's CPU time per second of wall time while no call is made: what the CPU column holds besides the calls. */
async function cpuAtRest(forMs: number): Promise<number> {
  const before = process.cpuUsage();
  const startedAt = performance.now();
  await new Promise((resolvePromise) => setTimeout(resolvePromise, forMs));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / (performance.now() - startedAt);
}

/** How a path is named in the progress lines and the table's rows. */
function label(path: Path): string {
  return path === 'api' ? 'API step' : 'direct Update';
}

/**
 * Both paths in one series, taking turns block by block (A B, then B A, and so on, so neither always goes
 * first), each block `concurrency` in flight on that path alone. Each path's measurement has its own
 * latencies and, as its elapsed time, the time spent in its own blocks: its calls per second are what a
 * series of that path alone would give, and drift over the run falls on both alike. The process's CPU
 * time is added up the same way.
 */
async function interleaved(
  calls: number,
  concurrency: number,
  block: number,
  take: Record<Path, TakeStep>,
  cases: Record<Path, string[]>,
  progress: (done: number) => void,
): Promise<Record<Path, { measurement: Measurement; cpuMs: number }>> {
  const result: Record<Path, { measurement: Measurement; cpuMs: number }> = {
    api: { measurement: { calls, concurrency, elapsedMs: 0, latenciesMs: [] }, cpuMs: 0 },
    direct: { measurement: { calls, concurrency, elapsedMs: 0, latenciesMs: [] }, cpuMs: 0 },
  };
  const tenth = Math.max(Math.ceil((calls * 2) / 10), 1);
  let done = 0;
  for (let blockIndex = 0, first = 0; first < calls; blockIndex += 1, first += block) {
    const size = Math.min(block, calls - first);
    for (const path of blockIndex % 2 === 0 ? PATHS : [...PATHS].reverse()) {
      const cpuBefore = process.cpuUsage();
      const measured = await measure(size, concurrency, (index) => take[path](cases[path][first + index] as string));
      const cpu = process.cpuUsage(cpuBefore);
      result[path].cpuMs += (cpu.user + cpu.system) / 1000;
      result[path].measurement.latenciesMs.push(...measured.latenciesMs);
      result[path].measurement.elapsedMs += measured.elapsedMs;
      const before = done;
      done += size;
      if (Math.floor(done / tenth) > Math.floor(before / tenth) || done === calls * 2) progress(done);
    }
  }
  return result;
}

main().catch((error: unknown) => {
  const causes: string[] = [];
  for (let cause: unknown = error; cause; cause = cause instanceof Error ? cause.cause : undefined) causes.push(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
  process.stderr.write(`\n✖ the benchmark failed: ${causes.join('\n  caused by ')}\n`);
  process.exitCode = 1;
});
