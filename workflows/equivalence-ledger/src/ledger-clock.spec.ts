import { isoWeekOf } from '@oioo/domain';
import { ledgerRuleNow, ledgerWakeSeen, startLedgerRuleClock } from './ledger-clock';
import { openSnapshot } from './ledger-snapshot';

/** A Wednesday: its ISO week runs to Monday 2026-03-09 00:00Z. */
const OPENED = new Date('2026-03-04T09:00:00Z');
const NEXT_MONDAY = new Date('2026-03-09T00:00:00Z');
const HOUR_MS = 60 * 60 * 1000;

function ledgerOnRuleClock() {
  const snapshot = openSnapshot('pilot_UKFR00000001', {}, OPENED);
  startLedgerRuleClock(snapshot, OPENED);
  return snapshot;
}

describe('the ledger’s rule clock', () => {
  it('Q2 reads the pilot clock within the week its timers have reached', () => {
    const snapshot = ledgerOnRuleClock();
    const thursday = new Date(OPENED.getTime() + 24 * HOUR_MS);
    expect(ledgerRuleNow(snapshot, thursday)).toEqual(thursday);
  });

  it('Q2 a worker clock lagging behind the last wake seen reads that wake', () => {
    const snapshot = ledgerOnRuleClock();
    ledgerWakeSeen(snapshot, NEXT_MONDAY);
    expect(ledgerRuleNow(snapshot, new Date(NEXT_MONDAY.getTime() - 5_000))).toEqual(NEXT_MONDAY);
  });

  it('Q2 Q3 a clock past the next wake stays in the current week until the ledger’s timer for that wake fires', () => {
    const snapshot = ledgerOnRuleClock();
    const read = ledgerRuleNow(snapshot, new Date(NEXT_MONDAY.getTime() + 2 * HOUR_MS));
    expect(read).toEqual(new Date(NEXT_MONDAY.getTime() - 1));
    expect(isoWeekOf(read)).toBe(isoWeekOf(OPENED));

    ledgerWakeSeen(snapshot, NEXT_MONDAY);
    expect(ledgerRuleNow(snapshot, new Date(NEXT_MONDAY.getTime() + 2 * HOUR_MS))).toEqual(new Date(NEXT_MONDAY.getTime() + 2 * HOUR_MS));
  });

  it('reads the pilot clock itself on a ledger begun before the rule clock, and never moves a rule clock back', () => {
    const before = openSnapshot('pilot_UKFR00000001', {}, OPENED);
    const later = new Date(NEXT_MONDAY.getTime() + 3 * 24 * HOUR_MS);
    expect(ledgerRuleNow(before, later)).toEqual(later);
    ledgerWakeSeen(before, NEXT_MONDAY);
    expect(before.wakesSeenUntil).toBeUndefined();

    const snapshot = ledgerOnRuleClock();
    ledgerWakeSeen(snapshot, NEXT_MONDAY);
    ledgerWakeSeen(snapshot, OPENED);
    expect(snapshot.wakesSeenUntil).toBe(NEXT_MONDAY.toISOString());
  });
});
