// The report: the results as markdown, as bench/results/casework-step.md holds them.
import { cpus, totalmem } from 'node:os';
import { NEXT_STATE, type Path } from './casework-cases';
import { type Measurement, percentile, quarterMedians, throughput } from './measure';
import { type Breakdown, type PartTimes } from './step-breakdown';

/** One row of the results table. */
export interface Row {
  series: string;
  path: Path;
  measurement: Measurement;
  /** CPU time of this process (the worker, the API and both clients) per call, over the path's own turns. */
  cpuMsPerCall: number;
}

/** The settings of the series that the report's text names; they stay in the entry file, beside the series they shape. */
export interface ReportSettings {
  /** Calls in flight in the concurrent series and in the breakdown's. */
  concurrency: number;
  /** Calls in each of a path's turns in the concurrent series. */
  block: number;
}

function mean(samples: readonly number[]): number {
  return samples.reduce((sum, value) => sum + value, 0) / Math.max(samples.length, 1);
}

function ms(value: number): string {
  return value.toFixed(1);
}

/** The results as markdown: the table of both paths, and where an API step's time goes. */
export function renderReport(rows: Row[], events: Partial<Record<Path, string[]>>, idleCpuMsPerSecond: number, breakdown: Breakdown | undefined, settings: ReportSettings): string {
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
  const gaps = [1, settings.concurrency].flatMap((concurrency) => {
    const apiRow = rows.find((row) => row.path === 'api' && row.measurement.concurrency === concurrency);
    const directRow = rows.find((row) => row.path === 'direct' && row.measurement.concurrency === concurrency);
    if (!apiRow || !directRow) return [];
    const gap = percentile(apiRow.measurement.latenciesMs, 0.5) - percentile(directRow.measurement.latenciesMs, 0.5);
    return [`- ${concurrency === 1 ? 'One at a time' : `${concurrency} in flight`}, the API adds ${ms(gap)} ms at the median to the Update it sends.`];
  });
  return [
    '# Casework step: benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, the Temporal CLI dev server (SQLite) with payloads encrypted, the local OpenID Connect provider. One run. The step is \`recordScreening\` on the real readmission case (screening → ${NEXT_STATE}), a fresh case per call: through the casework API (\`POST /api/v1/readmission-cases/{caseId}/screening\` as alice, in-memory PGlite, the app in the benchmark's process) and as the same Update sent straight to Temporal. The two paths take turns in the same series (call by call one at a time, in blocks of ${settings.block} calls in flight), and every answer is checked. Calls/s are each path's calls over the time spent in its own turns; in brackets, the API's as a share of the direct Update's. CPU ms per call is this process's CPU time (worker, API and both clients; not the Temporal server's) over the path's turns. The medians by quarter of each series show how the server drifts over it, alike on both paths.`,
    '',
    '| series | calls | calls/s | p50 ms | p95 ms | p99 ms | API ÷ direct, p50 | API ÷ direct, p95 | CPU ms per call | p50 by quarter, ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...table,
    '',
    ...gaps,
    `- At rest this process uses ${ms(idleCpuMsPerSecond)} ms of CPU a second (the worker's pollers, timers, the garbage collector): part of the CPU column, in proportion to each path's time.`,
    ...renderEvents(events),
    ...(breakdown ? ['', ...renderBreakdown(breakdown, settings.concurrency)] : []),
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
function renderBreakdown(breakdown: Breakdown, concurrency: number): string[] {
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
    `${sequential.length} more API steps one at a time${concurrent ? `, then ${concurrent.measurement.calls} at ${concurrency} in flight,` : ''} with the app's own Temporal connection and its database timed as the API calls them. One at a time: each part's median and mean per step. In flight the calls overlap, so each part is added up over the series and divided by the calls (means only). The means add up to the whole; "the rest" is what the timed calls leave. Temporal calls seen per step: ${rpcNames.map((name) => `\`${name}\``).join(', ')}; ${statements.toFixed(1)} database statements per step.`,
    '',
    `| part of one API step | one at a time: p50 ms | mean ms | share |${inFlight ? ` ${concurrency} in flight: mean ms | share |` : ''}`,
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
