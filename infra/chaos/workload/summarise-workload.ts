import { DAY_MS } from './sim-time';
import { type WorkloadAction } from './workload-actions';

/** Spread of a per-day count. */
export interface DailyPercentiles {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What a schedule holds, for the runner's progress output and the tests of the model. */
export interface WorkloadSummary {
  actions: number;
  /** Cases opened: readmission cases (first records of arrivals) and EOI cases. */
  cases: { readmission: number; eoi: number };
  /** Counts per action kind: `publish <topic>` or `step <operationId>`. */
  byKind: Record<string, number>;
  /** Counts per life-cycle step (`arrival`, `france-reply`, `boarding-no-show`, ...). */
  byStep: Record<string, number>;
  /** Per simulated day from the first to the last day with an action, days without any counted as 0. */
  perDay: { arrivals: DailyPercentiles; eois: DailyPercentiles; actions: DailyPercentiles };
  /** Days whose arrivals exceed three times the median: the calm-sea bursts. */
  burstDays: number;
  /** Simulated days spanned, and the real duration at the workload's compression. */
  simulatedDays: number;
  realDurationMs: number;
}

/** Reads a schedule once (streaming: memory grows with days, not actions) and counts what it holds. */
export function summariseWorkload(schedule: Iterable<WorkloadAction>): WorkloadSummary {
  const byKind: Record<string, number> = {};
  const byStep: Record<string, number> = {};
  const arrivals: number[] = [];
  const eois: number[] = [];
  const actionsPerDay: number[] = [];
  let actions = 0;
  let lastSim = 0;
  let lastReal = 0;
  const bump = (counts: number[], day: number) => {
    counts[day] = (counts[day] ?? 0) + 1;
  };
  for (const action of schedule) {
    actions += 1;
    const kind = action.kind === 'publish' ? `publish ${action.topic}` : `step ${action.operationId}`;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    byStep[action.step] = (byStep[action.step] ?? 0) + 1;
    const day = Math.floor(action.simOffsetMs / DAY_MS);
    bump(actionsPerDay, day);
    if (action.step === 'arrival') bump(arrivals, day);
    if (action.step === 'eoi-submitted') bump(eois, day);
    lastSim = Math.max(lastSim, action.simOffsetMs);
    lastReal = Math.max(lastReal, action.realOffsetMs);
  }
  const days = actionsPerDay.length;
  const arrivalStats = percentiles(arrivals, intakeDays(arrivals, eois));
  return {
    actions,
    cases: { readmission: sum(arrivals), eoi: sum(eois) },
    byKind,
    byStep,
    perDay: { arrivals: arrivalStats, eois: percentiles(eois, intakeDays(arrivals, eois)), actions: percentiles(actionsPerDay, days) },
    burstDays: dense(arrivals, intakeDays(arrivals, eois)).filter((count) => count > 3 * Math.max(arrivalStats.p50, 1)).length,
    simulatedDays: lastSim / DAY_MS,
    realDurationMs: lastReal,
  };
}

/** Days of intake: up to the last day any case was opened. */
function intakeDays(arrivals: number[], eois: number[]): number {
  return Math.max(arrivals.length, eois.length);
}

function dense(counts: number[], days: number): number[] {
  return Array.from({ length: days }, (_, day) => counts[day] ?? 0);
}

function sum(counts: number[]): number {
  return counts.reduce((total, count) => total + (count ?? 0), 0);
}

/** Nearest-rank percentiles of the daily counts over `days` days. */
function percentiles(counts: number[], days: number): DailyPercentiles {
  const sorted = dense(counts, days).sort((a, b) => a - b);
  if (sorted.length === 0) return { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
  return { mean: sum(sorted) / sorted.length, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted[sorted.length - 1] as number };
}
