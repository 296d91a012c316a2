import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Client } from '@temporalio/client';
import { CaseworkAppModule } from '@oioo/casework';
import { SearchAttributes, readmissionWorkflowId } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { CASEWORK_AUDIENCE, CLI_CLIENT_ID, CLI_REDIRECT_URI, LOCAL_PASSWORD, PERSON_SCOPE, loginWithPkce, personByUsername } from '@oioo/local-oidc';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type ArrivalRecordedSignalInput, type ReadmissionCaseState, arrivalRecordedSignal, caseViewQuery, readmissionCaseWorkflow, recordScreeningUpdate } from '@oioo/workflows-readmission';
import { BENCH_TASK_QUEUE, startBenchWorker } from './support/bench-worker';
import { type Measurement, measure, percentile, quarterMedians, throughput } from './support/measure';

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
/** Cases started at once while preparing a series (not measured). */
const SETUP_CONCURRENCY = 8;
const RESULTS_FILE = join(__dirname, 'results', 'casework-step.md');

/** The person who takes the step: a caseworker of the team the cases are given. */
const CASEWORKER = personByUsername('alice');
const TEAM = 'south-east';
/** The step's body, the same on both paths. */
const SCREENING = { age: 'adult', vulnerabilities: [] } satisfies { age: 'adult'; vulnerabilities: string[] };
const NEXT_STATE: ReadmissionCaseState = 'awaiting-selection';

/** A progress line, as the stack's scripts print them. */
function say(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

/** The two ways the same step reaches the workflow. */
type Path = 'api' | 'direct';
const PATHS: readonly Path[] = ['api', 'direct'];
/** Takes the step on one case, checking the answer; throws on a wrong one. */
type TakeStep = (caseId: string) => Promise<void>;

/** One row of the results table. */
interface Row {
  series: string;
  path: Path;
  measurement: Measurement;
  /** CPU time of this process (the worker, the API and both clients) per call, over the path's own turns. */
  cpuMsPerCall: number;
}

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
  const worker = await startBenchWorker();
  let started: CaseworkApi | undefined;
  try {
    const api = await startCaseworkApi();
    started = api;
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
    const breakdown = BREAKDOWN_CALLS > 0 ? await timeParts(api, client, session, BREAKDOWN_CALLS) : undefined;

    const report = renderReport(rows, events, idleCpu, breakdown);
    writeFileSync(RESULTS_FILE, report);
    process.stdout.write(`\n${report}\n`);
    say(`written to ${RESULTS_FILE}`);
  } finally {
    await started?.close();
    await worker.stop();
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

function label(path: Path): string {
  return path === 'api' ? 'API step' : 'direct Update';
}

// ---------------------------------------------------------------------------------------------------------
// The casework API, in this process

/** The casework app listening on a free loopback port, and the requests the benchmark makes of it. */
interface CaseworkApi {
  baseUrl: string;
  app: INestApplication;
  /** `GET /api/v1/me`: who the API takes the caller to be (token checked, nothing else). */
  me(token: string): Promise<{ actorId?: string; team?: string }>;
  /** `POST .../screening` as a person's script sends it; throws unless it answers 200 with the next state. */
  screen(token: string, caseId: string): Promise<void>;
  close(): Promise<void>;
}

/** Boots `CaseworkAppModule` as its service would, on in-memory PGlite, with the stack's TEMPORAL_* and OIDC_*. */
async function startCaseworkApi(): Promise<CaseworkApi> {
  // In-memory PGlite: the Idempotency-Keys and the staff names of this run only, nothing left on disk.
  process.env['DATABASE_DRIVER'] = 'pglite';
  delete process.env['DATABASE_DIR'];
  delete process.env['DATABASE_URL'];
  const app = await NestFactory.create(CaseworkAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    baseUrl,
    app,
    async me(token) {
      const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`GET /api/v1/me answered ${response.status}: ${text}`);
      return JSON.parse(text) as { actorId?: string; team?: string };
    },
    async screen(token, caseId) {
      const response = await fetch(`${baseUrl}/api/v1/readmission-cases/${caseId}/screening`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
        body: JSON.stringify(SCREENING),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`the API answered ${response.status} for ${caseId}: ${text}`);
      if (response.headers.get('idempotent-replayed') === 'true') throw new Error(`the API replayed an earlier answer for ${caseId}`);
      const body = JSON.parse(text) as { state?: unknown; result?: { state?: unknown } };
      if (body.state !== NEXT_STATE || body.result?.state !== NEXT_STATE) throw new Error(`the API answered ${text} for ${caseId}, not state ${NEXT_STATE}`);
    },
    close: () => app.close(),
  };
}

/** A person's sign-in at the provider (authorization code with PKCE, client `casework-cli`), renewed between series when it nears expiry. */
class Session {
  private current?: { accessToken: string; renewAfter: number };

  constructor(
    private readonly issuer: string,
    private readonly username: string,
  ) {}

  /** The token; only read inside a measured call, so a sign-in is never timed. */
  get token(): string {
    if (!this.current) throw new Error('not signed in');
    return this.current.accessToken;
  }

  /** Signs in again when less than five minutes are left, which covers any one series. */
  async refresh(): Promise<void> {
    if (this.current && Date.now() < this.current.renewAfter) return;
    const tokens = await loginWithPkce({ issuer: this.issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username: this.username, password: LOCAL_PASSWORD, resource: CASEWORK_AUDIENCE, scope: PERSON_SCOPE });
    this.current = { accessToken: tokens.accessToken, renewAfter: Date.now() + Math.max(tokens.expiresIn - 300, 0) * 1000 };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The same step straight to Temporal

/** The Update the API sends, sent by the benchmark's own client with the caseworker's staff id as actor. */
async function directScreening(client: Client, caseId: string): Promise<void> {
  const result = await client.workflow.getHandle(readmissionWorkflowId(caseId)).executeUpdate(recordScreeningUpdate, {
    args: [{ commandId: `cmd_${randomUUID().replaceAll('-', '')}`, actor: (CASEWORKER as NonNullable<typeof CASEWORKER>).sub, age: SCREENING.age, vulnerabilities: [...SCREENING.vulnerabilities] }],
  });
  if (JSON.stringify(result) !== JSON.stringify({ state: NEXT_STATE })) throw new Error(`the Update answered ${JSON.stringify(result)} for ${caseId}, not { state: '${NEXT_STATE}' }`);
}

// ---------------------------------------------------------------------------------------------------------
// Cases

/** Fresh cases for each path, started as identity starts them and waiting in `screening`. */
async function prepareCases(client: Client, perPath: number): Promise<Record<Path, string[]>> {
  const ids = await freshCases(client, perPath * 2);
  return { api: ids.slice(0, perPath), direct: ids.slice(perPath) };
}

/** `count` new cases, each waiting in `screening`. */
async function freshCases(client: Client, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `case_BENCH${opaque(20)}`);
  await measure(ids.length, SETUP_CONCURRENCY, (index) => openCase(client, ids[index] as string));
  await measure(ids.length, SETUP_CONCURRENCY, (index) => waitForState(client, ids[index] as string, 'screening'));
  return ids;
}

/** Signal-with-start with Border Force's arrival (without the biometric template) and identity's screening, on team south-east. */
function openCase(client: Client, caseId: string) {
  const signal: ArrivalRecordedSignalInput = {
    eventId: randomUUID(),
    arrival: {
      caseId,
      personId: `per_BENCH${opaque(20)}`,
      arrivedAt: new Date().toISOString(),
      route: 'apprehended',
      departedFrom: 'FR',
      crossingEvidence: [{ kind: 'interception-record', reference: `int_BENCH${opaque(12)}` }],
    },
    screening: { reEntry: false, enrolmentReference: `enr_BENCH${opaque(20)}` },
  };
  return client.workflow.signalWithStart(readmissionCaseWorkflow, {
    taskQueue: BENCH_TASK_QUEUE,
    workflowId: readmissionWorkflowId(caseId),
    args: [{ caseId }],
    signal: arrivalRecordedSignal,
    signalArgs: [signal],
    typedSearchAttributes: [{ key: SearchAttributes.caseTeam, value: TEAM }],
  });
}

/** Waits until the case's view is in `state` (a query may fail until the case's first workflow task has run). */
async function waitForState(client: Client, caseId: string, state: ReadmissionCaseState): Promise<void> {
  const handle = client.workflow.getHandle(readmissionWorkflowId(caseId));
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  for (;;) {
    const view = await handle.query(caseViewQuery).catch((error: unknown) => {
      last = error instanceof Error ? error.message : String(error);
      return undefined;
    });
    if (view?.state === state) return;
    if (view && view.state !== 'awaiting-arrival') throw new Error(`case ${caseId} is in ${view.state}, not ${state}`);
    if (view) last = `state ${view.state}`;
    if (Date.now() > deadline) throw new Error(`case ${caseId} did not reach ${state} in 60 s (${last})`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
  }
}

/** After a series: every case moved on once, to the next state, with the caseworker as the one who screened it. */
async function checkScreened(client: Client, caseIds: readonly string[]): Promise<void> {
  await measure(caseIds.length, SETUP_CONCURRENCY, async (index) => {
    const caseId = caseIds[index] as string;
    const view = await client.workflow.getHandle(readmissionWorkflowId(caseId)).query(caseViewQuery);
    const screened = view.timeline.filter((entry) => entry.what === 'screened');
    if (view.state !== NEXT_STATE || screened.length !== 1 || screened[0]?.by !== CASEWORKER?.sub) {
      throw new Error(`case ${caseId} ended the series in ${view.state} with ${screened.length} screenings (${screened.map((entry) => entry.by).join(', ')})`);
    }
  });
}

/** The events the step added to a case's history: from the workflow task that took the Update to the end. */
async function stepEvents(client: Client, caseId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(readmissionWorkflowId(caseId)).fetchHistory();
  const names = (history.events ?? []).map((event) => {
    const attributes = Object.entries(event).find(([key, value]) => key.endsWith('EventAttributes') && value);
    return attributes ? attributes[0].replace(/EventAttributes$/, '') : 'unknown';
  });
  const accepted = names.indexOf('workflowExecutionUpdateAccepted');
  if (accepted < 0) throw new Error(`case ${caseId} has no accepted Update in its history`);
  return names.slice(Math.max(names.lastIndexOf('workflowTaskScheduled', accepted), 0));
}

function opaque(length: number): string {
  return randomUUID().replaceAll('-', '').slice(0, length).toUpperCase();
}

// ---------------------------------------------------------------------------------------------------------
// Interleaving

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

// ---------------------------------------------------------------------------------------------------------
// Where an API step's time goes

/** Time an API step spent in each part: the Temporal calls the API makes and its database statements, timed where it makes them. */
interface PartTimes {
  describeMs: number;
  updateMs: number;
  otherRpcMs: number;
  databaseMs: number;
  statements: number;
  rpcs: Set<string>;
}

function noParts(): PartTimes {
  return { describeMs: 0, updateMs: 0, otherRpcMs: 0, databaseMs: 0, statements: 0, rpcs: new Set() };
}

/** What the breakdown found: one at a time call by call, in flight as totals, and the floor of the API layer to read them against. */
interface Breakdown {
  sequential: (PartTimes & { totalMs: number })[];
  /** A direct Update and a `GET /api/v1/me` after each step one at a time, to read the parts against. */
  directMs: number[];
  meMs: number[];
  concurrent?: { parts: PartTimes; measurement: Measurement };
}

/**
 * API steps with the casework app's own Temporal connection and database timed as they are called (their
 * methods wrapped in place, for these series only). One at a time, each step is followed by the same Update
 * sent straight (the server drifts over a run, so the parts are read against an Update of the same moment)
 * and a `GET /api/v1/me`: HTTP, NestJS and the token check with nothing behind them. In flight, calls overlap, so
 * each part is added up over the series and divided by the calls: means only, which still add up to the
 * mean latency. What the wrapped calls do not account for is the API's own work: HTTP (both ends, in this
 * process), NestJS, the token check, zod, hashing, the payload codec and JSON.
 */
async function timeParts(api: CaseworkApi, client: Client, session: Session, calls: number): Promise<Breakdown> {
  const cases = await prepareCases(client, calls);
  const inFlightCases = CONCURRENT_CALLS > 0 ? await freshCases(client, calls) : [];
  await session.refresh();
  let sink: PartTimes | undefined;
  const temporal = api.app.get<Client>(TEMPORAL_CLIENT, { strict: false });
  const database = api.app.get<Database>(DATABASE, { strict: false });
  const rpcs = temporal.connection.workflowService as unknown as Record<string, unknown>;
  const restore = [
    ...Object.keys(rpcs).map((method) =>
      timeCalls(rpcs, method, (ms) => {
        if (!sink) return;
        sink.rpcs.add(method);
        if (method === 'describeWorkflowExecution') sink.describeMs += ms;
        else if (method === 'updateWorkflowExecution' || method === 'pollWorkflowExecutionUpdate') sink.updateMs += ms;
        else sink.otherRpcMs += ms;
      }),
    ),
    timeCalls(database as unknown as Record<string, unknown>, 'query', (ms) => {
      if (!sink) return;
      sink.databaseMs += ms;
      sink.statements += 1;
    }),
  ];
  const sequential: Breakdown['sequential'] = [];
  const directMs: number[] = [];
  const meMs: number[] = [];
  let concurrent: Breakdown['concurrent'];
  try {
    say(`API steps part by part, one at a time (${calls}) ...`);
    for (const [index, caseId] of cases.api.entries()) {
      const parts = noParts();
      sink = parts;
      const startedAt = performance.now();
      await api.screen(session.token, caseId);
      sequential.push({ ...parts, totalMs: performance.now() - startedAt });
      sink = undefined;
      const directStartedAt = performance.now();
      await directScreening(client, cases.direct[index] as string);
      directMs.push(performance.now() - directStartedAt);
      const meStartedAt = performance.now();
      await api.me(session.token);
      meMs.push(performance.now() - meStartedAt);
    }
    if (CONCURRENT_CALLS > 0) {
      say(`API steps part by part, ${CONCURRENCY} in flight (${calls}) ...`);
      const parts = noParts();
      sink = parts;
      const measurement = await measure(calls, CONCURRENCY, (index) => api.screen(session.token, inFlightCases[index] as string));
      concurrent = { parts, measurement };
    }
  } finally {
    sink = undefined;
    for (const undo of restore) undo();
  }
  await checkScreened(client, [...cases.api, ...cases.direct, ...inFlightCases]);
  return { sequential, directMs, meMs, ...(concurrent ? { concurrent } : {}) };
}

/** Wraps `target[method]` so each call's duration is reported; returns what puts the original back. */
function timeCalls(target: Record<string, unknown>, method: string, report: (ms: number) => void): () => void {
  const original = target[method];
  if (typeof original !== 'function') return () => undefined;
  const own = Object.prototype.hasOwnProperty.call(target, method);
  target[method] = async function timed(this: unknown, ...args: unknown[]) {
    const startedAt = performance.now();
    try {
      return await (original as (...callArgs: unknown[]) => Promise<unknown>).apply(this, args);
    } finally {
      report(performance.now() - startedAt);
    }
  };
  return () => {
    if (own) target[method] = original;
    else delete target[method];
  };
}

// ---------------------------------------------------------------------------------------------------------
// The report

function mean(samples: readonly number[]): number {
  return samples.reduce((sum, value) => sum + value, 0) / Math.max(samples.length, 1);
}

function ms(value: number): string {
  return value.toFixed(1);
}

/** The results as markdown: the table of both paths, and where an API step's time goes. */
function renderReport(rows: Row[], events: Partial<Record<Path, string[]>>, idleCpuMsPerSecond: number, breakdown: Breakdown | undefined): string {
  const directOf = (row: Row) => rows.find((candidate) => candidate.path === 'direct' && candidate.measurement.concurrency === row.measurement.concurrency);
  const ratio = (row: Row, fraction: number) => {
    const direct = directOf(row);
    if (!direct) return '—';
    if (direct === row) return '1×';
    return `${(percentile(row.measurement.latenciesMs, fraction) / percentile(direct.measurement.latenciesMs, fraction)).toFixed(2)}×`;
  };
  const table = rows.map((row) => {
    const { measurement } = row;
    const direct = directOf(row);
    const rate = direct && direct !== row ? ` (${(throughput(measurement) / throughput(direct.measurement)).toFixed(2)}×)` : '';
    return `| ${row.series} | ${measurement.calls} | ${throughput(measurement).toFixed(0)}${rate} | ${ms(percentile(measurement.latenciesMs, 0.5))} | ${ms(percentile(measurement.latenciesMs, 0.95))} | ${ms(percentile(measurement.latenciesMs, 0.99))} | ${ratio(row, 0.5)} | ${ratio(row, 0.95)} | ${ms(row.cpuMsPerCall)} | ${quarterMedians(measurement).map(ms).join(' / ')} |`;
  });
  const gaps = [1, CONCURRENCY].flatMap((concurrency) => {
    const apiRow = rows.find((row) => row.path === 'api' && row.measurement.concurrency === concurrency);
    const directRow = rows.find((row) => row.path === 'direct' && row.measurement.concurrency === concurrency);
    if (!apiRow || !directRow) return [];
    const gap = percentile(apiRow.measurement.latenciesMs, 0.5) - percentile(directRow.measurement.latenciesMs, 0.5);
    return [`- ${concurrency === 1 ? 'One at a time' : `${concurrency} in flight`}, the API adds ${ms(gap)} ms at the median to the Update it sends.`];
  });
  return [
    '# Casework step: benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, the Temporal CLI dev server (SQLite) with payloads encrypted, the local OpenID Connect provider. One run. The step is \`recordScreening\` on the real readmission case (screening → ${NEXT_STATE}), a fresh case per call: through the casework API (\`POST /api/v1/readmission-cases/{caseId}/screening\` as alice, in-memory PGlite, the app in the benchmark's process) and as the same Update sent straight to Temporal. The two paths take turns in the same series (call by call one at a time, in blocks of ${CONCURRENT_BLOCK} calls in flight), and every answer is checked. Calls/s are each path's calls over the time spent in its own turns; in brackets, the API's as a share of the direct Update's. CPU ms per call is this process's CPU time (worker, API and both clients; not the Temporal server's) over the path's turns. The medians by quarter of each series show how the server drifts over it, alike on both paths.`,
    '',
    '| series | calls | calls/s | p50 ms | p95 ms | p99 ms | API ÷ direct, p50 | API ÷ direct, p95 | CPU ms per call | p50 by quarter, ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...table,
    '',
    ...gaps,
    `- At rest this process uses ${ms(idleCpuMsPerSecond)} ms of CPU a second (the worker's pollers, timers, the garbage collector): part of the CPU column, in proportion to each path's time.`,
    ...renderEvents(events),
    ...(breakdown ? ['', ...renderBreakdown(breakdown)] : []),
    '',
  ].join('\n');
}

/** What the step writes to the case's history, on each path (the same, unless something is wrong). */
function renderEvents(events: Partial<Record<Path, string[]>>): string[] {
  const { api, direct } = events;
  if (!api || !direct) return [];
  const list = (names: string[]) => names.map((name) => `\`${name}\``).join(', ');
  if (JSON.stringify(api) === JSON.stringify(direct)) return [`- On either path the step adds ${api.length} events to the case's history: ${list(api)}.`];
  return [`- The step adds ${api.length} events through the API (${list(api)}) and ${direct.length} sent straight (${list(direct)}).`];
}

/** Where the time of one API step goes, from the wrapped calls. */
function renderBreakdown(breakdown: Breakdown): string[] {
  const { sequential, concurrent } = breakdown;
  const total = sequential.map((step) => step.totalMs);
  const statements = mean(sequential.map((step) => step.statements));
  const rpcNames = [...new Set(sequential.flatMap((step) => [...step.rpcs]))].sort();
  const share = (part: number, whole: number) => `${((part * 100) / whole).toFixed(0)}%`;
  const inFlight = concurrent && {
    total: mean(concurrent.measurement.latenciesMs),
    per: (part: (parts: PartTimes) => number) => part(concurrent.parts) / concurrent.measurement.calls,
  };
  const rest = (parts: PartTimes) => -(parts.describeMs + parts.updateMs + parts.otherRpcMs + parts.databaseMs);
  const line = (name: string, part: (parts: PartTimes) => number, wholeStep = false) => {
    const samples = sequential.map((step) => (wholeStep ? step.totalMs : 0) + part(step));
    const concurrentMean = inFlight ? (wholeStep ? inFlight.total : 0) + inFlight.per(part) : undefined;
    const concurrentCells = inFlight && concurrentMean !== undefined ? ` ${ms(concurrentMean)} | ${share(concurrentMean, inFlight.total)} |` : '';
    return `| ${name} | ${ms(percentile(samples, 0.5))} | ${ms(mean(samples))} | ${share(mean(samples), mean(total))} |${concurrentCells}`;
  };
  const hasOthers = sequential.some((step) => step.otherRpcMs > 0) || (concurrent?.parts.otherRpcMs ?? 0) > 0;
  return [
    `## Where an API step's time goes`,
    '',
    `${sequential.length} more API steps one at a time${concurrent ? `, then ${concurrent.measurement.calls} at ${CONCURRENCY} in flight,` : ''} with the app's own Temporal connection and its database timed as the API calls them. One at a time: each part's median and mean per step. In flight the calls overlap, so each part is added up over the series and divided by the calls (means only). The means add up to the whole; "the rest" is what the timed calls leave. Temporal calls seen per step: ${rpcNames.map((name) => `\`${name}\``).join(', ')}; ${statements.toFixed(1)} database statements per step.`,
    '',
    `| part of one API step | one at a time: p50 ms | mean ms | share |${inFlight ? ` ${CONCURRENCY} in flight: mean ms | share |` : ''}`,
    `|---|---|---|---|${inFlight ? '---|---|' : ''}`,
    line('the whole step, as the caller sees it', () => 0, true),
    line("Temporal: DescribeWorkflowExecution (the case's team)", (parts) => parts.describeMs),
    line('Temporal: UpdateWorkflowExecution (the step)', (parts) => parts.updateMs),
    ...(hasOthers ? [line('Temporal: other calls', (parts) => parts.otherRpcMs)] : []),
    line(`PGlite: ${statements.toFixed(0)} statements (the key claimed and read back, the caller's name, the answer kept)`, (parts) => parts.databaseMs),
    line('the rest: HTTP, NestJS, the token check, zod, hashing, the payload codec, JSON', rest, true),
    '',
    `For comparison, after each step one at a time: the same Update sent straight to Temporal, p50 ${ms(percentile(breakdown.directMs, 0.5))} ms, mean ${ms(mean(breakdown.directMs))} ms; \`GET /api/v1/me\` (HTTP, NestJS and the token check, nothing behind them), p50 ${ms(percentile(breakdown.meMs, 0.5))} ms, mean ${ms(mean(breakdown.meMs))} ms.`,
  ];
}

main().catch((error: unknown) => {
  const causes: string[] = [];
  for (let cause: unknown = error; cause; cause = cause instanceof Error ? cause.cause : undefined) causes.push(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
  process.stderr.write(`\n✖ the benchmark failed: ${causes.join('\n  caused by ')}\n`);
  process.exitCode = 1;
});
