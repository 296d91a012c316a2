import { deadlineSeen, ruleClock, startRuleClock } from './rule-clock';

const workerNow = new Date('2026-03-01T12:00:00Z');

describe('the rule clock', () => {
  it('reads the worker clock for a case begun before it, so such cases replay as they ran', () => {
    const state = {};
    deadlineSeen(state, new Date('2026-03-02T00:00:00Z'));
    expect(ruleClock(state, workerNow)).toEqual(workerNow);
  });

  it('starts at the epoch and moves only to deadlines seen pass, never back', () => {
    const state = {};
    startRuleClock(state);
    expect(ruleClock(state, workerNow).getTime()).toBe(0);
    deadlineSeen(state, new Date('2026-03-02T00:00:00Z'));
    deadlineSeen(state, new Date('2026-02-01T00:00:00Z'));
    expect(ruleClock(state, workerNow)).toEqual(new Date('2026-03-02T00:00:00Z'));
  });

  it('keeps its reading when a carried case is put on it again (continue-as-new)', () => {
    const state = { deadlinesSeenUntil: '2026-03-02T00:00:00.000Z' };
    startRuleClock(state);
    expect(state.deadlinesSeenUntil).toBe('2026-03-02T00:00:00.000Z');
  });
});
