import { measure, percentile, quarterMedians, throughput } from './measure';

describe('benchmark measurement', () => {
  it('makes every call once and never has more than the concurrency in flight', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const result = await measure(50, 4, async (index) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 1));
      seen.push(index);
      inFlight -= 1;
    });

    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(mostInFlight).toBe(4);
    expect(result.latenciesMs).toHaveLength(50);
    expect(result.latenciesMs.every((latency) => latency > 0)).toBe(true);
    expect(throughput(result)).toBeCloseTo((50 * 1000) / result.elapsedMs);
  });

  it('stops at the first failure and throws it once the calls in flight have settled', async () => {
    const started: number[] = [];
    let settled = 0;
    const series = measure(100, 4, async (index) => {
      started.push(index);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 1));
      settled += 1;
      if (index === 5) throw new Error('refused');
    });

    await expect(series).rejects.toThrow('refused');
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(100);
  });

  it('reads percentiles by nearest rank and medians by quarter', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.95)).toBe(95);
    expect(percentile([7], 0.99)).toBe(7);
    expect(quarterMedians({ calls: 100, concurrency: 1, elapsedMs: 1, latenciesMs: samples })).toEqual([13, 38, 63, 88]);
  });
});
