import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryFormatError } from '../history';
import { checkHistory, checkHistoryFile } from './history-checker';
import { buildHistory, healthyScenario } from './test-support/healthy-run';
import { violated } from './test-support/violations-of';

describe('checkHistory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaos-checker-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds no violation in a healthy run and reports every invariant, its seed and its faults by kind', () => {
    const records = buildHistory(healthyScenario());
    const result = checkHistory(records);
    expect(result.violations).toBe(0);
    expect(violated(result)).toEqual({});
    expect(result).toMatchObject({ runId: 'run_healthy', seed: 42, records: records.length });
    expect(result.invariants.map((invariant) => `${invariant.rule ?? '-'} ${invariant.id}`)).toEqual([
      '- history-complete',
      '- arrival-opens-one-case',
      'E5 eoi-opens-one-case',
      '- command-once-in-timeline',
      'S1 four-eyes',
      'S2 acknowledged-command-recorded',
      'R9 booking-once',
      'R9 movement-capacity',
      'R9 transfer-once',
      'Q2 ledger-balance',
      'Q1 ledger-counts',
      '- event-delivered',
      '- fuzz-contained',
      '- no-stuck-case',
    ]);
    expect(result.faults).toEqual([
      { kind: 'kill-worker', injected: 1, healed: 1 },
      { kind: 'kill-service', injected: 0, healed: 0 },
      { kind: 'kill-broker', injected: 0, healed: 0 },
      { kind: 'kill-temporal', injected: 0, healed: 0 },
      { kind: 'latency', injected: 0, healed: 0 },
      { kind: 'reset', injected: 0, healed: 0 },
      { kind: 'partition', injected: 1, healed: 1 },
    ]);
  });

  it('counts every violation but keeps only the examples asked for', () => {
    const run = healthyScenario();
    for (const view of run.views) view.pendingTimers = 0;
    run.views.push(...[3, 4, 5].map((n) => ({ ...run.views[1]!, caseId: `case_01JCHAOS00000000000${n}` })));
    const result = checkHistory(buildHistory(run), { maxExamples: 2 });
    const stuck = result.invariants.find((invariant) => invariant.id === 'no-stuck-case')!;
    expect(stuck.violations).toBe(5);
    expect(stuck.examples).toHaveLength(2);
  });

  it('checks a history file streamed line by line, with the same verdict as in memory', async () => {
    const path = join(dir, 'history.jsonl');
    const records = buildHistory(healthyScenario());
    await writeFile(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    expect(await checkHistoryFile(path)).toEqual(checkHistory(records));
  });

  it('names the malformed line of a history file', async () => {
    const path = join(dir, 'history.jsonl');
    const lines = buildHistory(healthyScenario()).map((record) => JSON.stringify(record));
    lines[6] = lines[6]!.slice(0, 20);
    await writeFile(path, `${lines.join('\n')}\n`);
    await expect(checkHistoryFile(path)).rejects.toThrow(HistoryFormatError);
    await expect(checkHistoryFile(path)).rejects.toMatchObject({ line: 7 });
  });
});
