import { KILL_KINDS, NETWORK_KINDS, PARTITION_MS, defaultFaultTargets, planFaults } from './plan-faults';

const MINUTE = 60_000;

describe('planFaults', () => {
  const options = { seed: 7, durationMs: 10 * MINUTE, kills: 8, networkFaults: 6 };

  it('gives the same plan for the same seed and another for another seed', () => {
    expect(planFaults(options)).toEqual(planFaults(options));
    expect(planFaults({ ...options, seed: 8 }).faults).not.toEqual(planFaults(options).faults);
  });

  it('plans exactly the kills and network faults asked for, each kind at least once', () => {
    const { faults } = planFaults(options);
    const kinds = faults.map((fault) => fault.kind);
    expect(kinds.filter((kind) => (KILL_KINDS as readonly string[]).includes(kind))).toHaveLength(8);
    expect(kinds.filter((kind) => (NETWORK_KINDS as readonly string[]).includes(kind))).toHaveLength(6);
    for (const kind of [...KILL_KINDS, ...NETWORK_KINDS]) expect(kinds).toContain(kind);
  });

  it('starts and heals every fault inside the window, in order of start, with unique ids', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const { faults } = planFaults({ ...options, seed });
      for (const fault of faults) {
        expect(fault.atMs).toBeGreaterThanOrEqual(0);
        expect(fault.atMs + fault.healAfterMs).toBeLessThanOrEqual(options.durationMs);
      }
      expect(faults.map((fault) => fault.atMs)).toEqual([...faults.map((fault) => fault.atMs)].sort((a, b) => a - b));
      expect(new Set(faults.map((fault) => fault.faultId)).size).toBe(faults.length);
    }
  });

  it('never has two processes down, nor two links faulted, at once', () => {
    for (const seed of [5, 6, 99]) {
      const { faults } = planFaults({ ...options, seed, kills: 20, networkFaults: 10, durationMs: 20 * MINUTE });
      for (const lane of [KILL_KINDS, NETWORK_KINDS] as const) {
        const inLane = faults.filter((fault) => (lane as readonly string[]).includes(fault.kind));
        inLane.slice(1).forEach((fault, index) => {
          const before = inLane[index];
          expect(fault.atMs).toBeGreaterThanOrEqual((before?.atMs ?? 0) + (before?.healAfterMs ?? 0));
        });
      }
    }
  });

  it('hits only targets of the fault kind, and partitions for 30 s', () => {
    const { faults } = planFaults({ ...options, kills: 30, networkFaults: 12, durationMs: 30 * MINUTE });
    const expected: Record<string, string[]> = {
      'kill-worker': defaultFaultTargets.workers,
      'kill-service': defaultFaultTargets.services,
      'kill-broker': defaultFaultTargets.brokers,
      'kill-temporal': defaultFaultTargets.temporal,
      latency: defaultFaultTargets.links,
      reset: defaultFaultTargets.links,
      partition: defaultFaultTargets.links,
    };
    for (const fault of faults) expect(expected[fault.kind]).toContain(fault.target);
    for (const fault of faults.filter((candidate) => candidate.kind === 'partition')) {
      expect(fault.healAfterMs).toBe(PARTITION_MS);
      expect(fault.parameters).toEqual({ durationMs: PARTITION_MS });
    }
    for (const fault of faults.filter((candidate) => candidate.kind.startsWith('kill-'))) expect(fault.parameters).toEqual({ signal: 'SIGKILL', pauseMs: fault.healAfterMs });
  });

  it('spreads faults over the window rather than bunching them at its start', () => {
    const { faults } = planFaults({ ...options, kills: 40, networkFaults: 0, durationMs: 40 * MINUTE });
    const lastQuarter = faults.filter((fault) => fault.atMs >= 30 * MINUTE);
    expect(lastQuarter.length).toBeGreaterThanOrEqual(8);
  });

  it('keeps to the kinds allowed', () => {
    const { faults } = planFaults({ ...options, kinds: ['kill-broker', 'partition'], kills: 3, networkFaults: 2 });
    expect(new Set(faults.map((fault) => fault.kind))).toEqual(new Set(['kill-broker', 'partition']));
    expect(faults).toHaveLength(5);
  });

  it('plans nothing when asked for nothing', () => {
    expect(planFaults({ ...options, kills: 0, networkFaults: 0 }).faults).toEqual([]);
  });

  it('refuses a plan that cannot cover every kind asked for or fit its partitions in the window', () => {
    expect(() => planFaults({ ...options, kills: 3 })).toThrow(/cannot cover the 4 kill kinds/);
    expect(() => planFaults({ ...options, networkFaults: 2 })).toThrow(/cannot cover the 3 network kinds/);
    expect(() => planFaults({ ...options, durationMs: MINUTE })).toThrow(/need at least 180 s/);
    expect(() => planFaults({ ...options, kills: -1 })).toThrow(RangeError);
  });
});
