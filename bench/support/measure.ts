/** What one measured series of calls gave. */
export interface Measurement {
  calls: number;
  concurrency: number;
  elapsedMs: number;
  /** Latency of each call, in the order the calls were started. */
  latenciesMs: number[];
}

/**
 * Makes `calls` calls, at most `concurrency` in flight, and times each one and the whole series. `progress`
 * hears after each tenth of the calls, with how many are done. The first failure stops new calls; it is
 * thrown once the calls in flight have settled, so nothing outlives the series.
 */
export async function measure(calls: number, concurrency: number, call: (index: number) => Promise<unknown>, progress?: (done: number) => void): Promise<Measurement> {
  const latenciesMs = new Array<number>(calls).fill(0);
  const tenth = Math.max(Math.ceil(calls / 10), 1);
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;
  const startedAt = performance.now();
  const lane = async () => {
    for (let index = next++; index < calls && !failure; index = next++) {
      const callStartedAt = performance.now();
      try {
        await call(index);
      } catch (error) {
        failure ??= { error };
        return;
      }
      latenciesMs[index] = performance.now() - callStartedAt;
      done += 1;
      if (done % tenth === 0 || done === calls) progress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, lane));
  if (failure) throw failure.error;
  return { calls, concurrency, elapsedMs: performance.now() - startedAt, latenciesMs };
}

/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}

/** Calls per second over the whole series. */
export function throughput(measurement: Measurement): number {
  return (measurement.calls * 1000) / measurement.elapsedMs;
}

/** The median latency of each consecutive quarter of the calls, to show whether calls slow down as state grows. */
export function quarterMedians(measurement: Measurement): number[] {
  const size = Math.ceil(measurement.latenciesMs.length / 4);
  return [0, 1, 2, 3].map((quarter) => percentile(measurement.latenciesMs.slice(quarter * size, (quarter + 1) * size), 0.5));
}
