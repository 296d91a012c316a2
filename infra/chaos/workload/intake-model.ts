import { type SeededPrng } from './seeded-prng';
import { DAY_MS, HOUR_MS } from './sim-time';
import { type WorkloadOptions } from './workload-options';

/** The intake of one simulated day: when each arrival and each EOI comes, as sorted simulated offsets. */
export interface DayIntake {
  arrivals: number[];
  eois: number[];
  /** True on a calm-sea burst day. */
  burst: boolean;
}

/**
 * Arrivals and EOIs of day `day`. The day model: with `burstProbability` a calm day brings about
 * `burstSize` arrivals (±15 %), crossing between 02:00 and 14:00; other days a Poisson count whose mean
 * keeps the long-run mean at `arrivalsPerDay`, spread over the day. EOIs are a Poisson count a day (E1: the
 * windows are open). In fixed-rate mode intake comes at constant real-time gaps instead.
 */
export function intakeOfDay(options: WorkloadOptions, prng: SeededPrng, day: number): DayIntake {
  const dayStart = day * DAY_MS;
  if (options.fixedRate) {
    const { arrivalsPerSecond, eoisPerSecond } = options.fixedRate;
    return { arrivals: evenlySpaced(dayStart, options, arrivalsPerSecond), eois: evenlySpaced(dayStart, options, eoisPerSecond), burst: false };
  }
  const { arrivalsPerDay, burstProbability, burstSize, eoisPerDay } = options;
  const burst = prng.chance(burstProbability);
  const calmMean = burstProbability < 1 ? (arrivalsPerDay - burstProbability * burstSize) / (1 - burstProbability) : 0;
  const count = burst ? Math.round(burstSize * prng.uniform(0.85, 1.15)) : prng.poisson(calmMean);
  const [from, to] = burst ? [2 * HOUR_MS, 14 * HOUR_MS] : [0, DAY_MS];
  return {
    arrivals: sortedTimes(prng, count, dayStart + from, dayStart + to, options.days * DAY_MS),
    eois: sortedTimes(prng, prng.poisson(eoisPerDay), dayStart, dayStart + DAY_MS, options.days * DAY_MS),
    burst,
  };
}

/** `count` uniform instants in [from, to), sorted, none at or past `end` (a partial last day). */
function sortedTimes(prng: SeededPrng, count: number, from: number, to: number, end: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = prng.uniform(from, to);
    if (at < end) times.push(at);
  }
  return times.sort((a, b) => a - b);
}

/** Instants of a constant real-time rate that fall in the day: every `compression / rate` simulated seconds. */
function evenlySpaced(dayStart: number, options: WorkloadOptions, perSecond: number): number[] {
  if (perSecond <= 0) return [];
  const gap = (options.compression * 1000) / perSecond;
  const end = Math.min(dayStart + DAY_MS, options.days * DAY_MS);
  const times: number[] = [];
  for (let k = Math.ceil(dayStart / gap); k * gap < end; k += 1) times.push(k * gap);
  return times;
}
