import { chaosRunPassed, formatChaosResults } from './chaos-results';
import { type ClusterChaosResult } from './cluster-chaos-run';

function result(overrides: { violations?: number; unexpectedExits?: string[] } = {}): ClusterChaosResult {
  const violations = overrides.violations ?? 0;
  return {
    run: { historyPath: 'h.jsonl', progress: { started: 10, done: 8, skipped: 2, refused: 0, errors: 0, fuzzed: 5, fuzzErrors: 0, inFlight: 0 }, errors: [], lagReturnedToZero: true, queryFailures: [] },
    check: {
      runId: 'run_chaos_7',
      seed: 7,
      records: 120,
      faults: [
        { kind: 'kill-broker', injected: 2, healed: 2 },
        { kind: 'partition', injected: 1, healed: 1 },
      ],
      invariants: [{ id: 'booking-once', rule: 'R9', title: 'no person booked twice', violations, examples: violations ? ['case_A | booked twice'] : [] }],
      violations,
    },
    plan: { seed: 7, durationMs: 60_000, faults: [{ faultId: 'f1', kind: 'kill-broker', target: 'kafka-2', atMs: 1_500, healAfterMs: 3_000, parameters: {} }] },
    unexpectedExits: overrides.unexpectedExits ?? [],
    divergedTaskResets: 1,
    timings: { clusterStartMs: 30_000, runMs: 600_000, checkMs: 1_000 },
  };
}

describe('the results of a chaos run', () => {
  it('tabulate the faults with their total, the invariants, and the plan, with the seed in the replay command', () => {
    const text = formatChaosResults({ result: result(), commit: 'abc123', arguments: { seed: 7, days: 365 }, command: 'npm run chaos -- --seed 7', writtenAt: new Date('2026-12-06T00:00:00Z') });
    expect(text).toContain('# Chaos run run_chaos_7: PASS');
    expect(text).toContain('replay with `npm run chaos -- --seed 7`');
    expect(text).toContain('| kill-broker | 2 | 2 |');
    expect(text).toContain('| **all** | **3** | **3** |');
    expect(text).toContain('| booking-once | R9 | 0 |  |');
    expect(text).toContain('| 1.5 | kill-broker | kafka-2 | 3.0 |');
    expect(text).toContain('The workers reset 1 ledger task that diverged on replay');
  });

  it('fail on a violation, with its first example escaped for the table, and on a process that crashed on its own', () => {
    const failing = formatChaosResults({ result: result({ violations: 1 }), commit: 'abc123', arguments: {}, command: 'npm run chaos -- --seed 7' });
    expect(failing).toContain('# Chaos run run_chaos_7: FAIL');
    expect(failing).toContain('| booking-once | R9 | 1 | case_A \\| booked twice |');
    expect(chaosRunPassed(result({ violations: 1 }))).toBe(false);
    expect(chaosRunPassed(result({ unexpectedExits: ['worker-1 exited with code 1'] }))).toBe(false);
    expect(chaosRunPassed(result())).toBe(true);
  });
});
