import { requestPlacesCommand, runCommand } from './ledger-commands';
import { LARGE_STATE_ALERT_BYTES, balanceViewOf, measureCarriedState, openSnapshot, searchViewOf } from './ledger-snapshot';

const NOW = new Date('2026-03-02T09:00:00Z');

/** A ledger holding `count` single-person EOIs. */
function ledgerHolding(count: number) {
  const snapshot = openSnapshot('pilot_UKFR00000001', {}, NOW);
  for (let index = 0; index < count; index += 1) {
    const eoiId = `eoi_UNIT${String(index).padStart(8, '0')}`;
    runCommand(snapshot, requestPlacesCommand, { commandId: `c-${index}`, eoiId, people: 1, submittedAt: NOW.toISOString(), nationalities: ['ERI'], ukLinkWithin5Years: false }, NOW);
  }
  return snapshot;
}

describe('the state the ledger carries across continue-as-new', () => {
  it('is measured as the JSON continue-as-new carries, and shown in the balance', () => {
    const snapshot = ledgerHolding(20);
    const carried = JSON.stringify(snapshot);
    expect(balanceViewOf(snapshot, NOW).carriedStateBytes).toBeUndefined();

    measureCarriedState(snapshot);

    expect(snapshot.carriedStateBytes).toBe(carried.length);
    expect(balanceViewOf(snapshot, NOW).carriedStateBytes).toBe(carried.length);
  });

  it('raises large-state past the threshold, months before Temporal would refuse the payload', () => {
    const snapshot = ledgerHolding(1);
    snapshot.carriedStateBytes = LARGE_STATE_ALERT_BYTES;
    expect(searchViewOf(snapshot).alerts).toEqual([]);

    snapshot.carriedStateBytes = LARGE_STATE_ALERT_BYTES + 1;
    expect(searchViewOf(snapshot).alerts).toEqual(['large-state']);
    expect(LARGE_STATE_ALERT_BYTES).toBeLessThan(2 * 1024 * 1024);
  });
});
