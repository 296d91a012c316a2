import { ApplicationFailure } from '@temporalio/common';
import { LedgerErrorCode } from './ledger-errors';
import { admissionRecordedCommand, pauseCommand, requestPlacesCommand, runCommand, validateCommand } from './ledger-commands';
import { openSnapshot } from './ledger-snapshot';

const NOW = new Date('2026-03-02T09:00:00Z');
const request = { commandId: 'c1', eoiId: 'eoi_UNIT00000001', people: 1, submittedAt: NOW.toISOString(), nationalities: ['ERI'], ukLinkWithin5Years: false };

function failureOf(run: () => unknown): ApplicationFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }
  throw new Error('the command was accepted');
}

describe('ledger commands in the workflow (pure)', () => {
  it('Q1 E8 a refused command becomes a typed, non-retryable failure naming the rule', () => {
    const snapshot = openSnapshot('pilot_UKFR00000001');
    runCommand(snapshot, requestPlacesCommand, request, NOW);
    const failure = failureOf(() => validateCommand(snapshot, admissionRecordedCommand, { commandId: 'c2', eoiId: request.eoiId, personId: 'per_UNIT00000001', arrivedAt: NOW.toISOString() }, NOW));
    expect(failure).toMatchObject({ type: LedgerErrorCode.NoOutstandingGrant, nonRetryable: true, message: expect.stringContaining('Q1, E8') });
  });

  it('E6 a repeated command id passes the validator and returns the first result without counting again', () => {
    const snapshot = openSnapshot('pilot_UKFR00000001');
    expect(runCommand(snapshot, requestPlacesCommand, request, NOW)).toEqual({ status: 'held', places: 1 });
    expect(() => validateCommand(snapshot, requestPlacesCommand, request, NOW)).not.toThrow();
    expect(runCommand(snapshot, requestPlacesCommand, request, NOW)).toEqual({ status: 'held', places: 1 });
    expect(snapshot.ledger.totals).toMatchObject({ eoisHeld: 1, placesHeld: 1 });
    expect(failureOf(() => validateCommand(snapshot, pauseCommand, { commandId: 'c1', actor: 'cw_SUPERVISOR01', reason: 'x' }, NOW)).type).toBe(LedgerErrorCode.CommandIdReused);
  });

  it('Q2 Q6 every change is followed by a release attempt, whose releases wait in the outbox for their EOI workflows', () => {
    const snapshot = openSnapshot('pilot_UKFR00000001', { tolerance: 1 });
    runCommand(snapshot, requestPlacesCommand, request, NOW);
    expect(snapshot.outbox).toEqual([{ pilotId: 'pilot_UKFR00000001', eoiId: request.eoiId, places: 1, releasedAt: NOW.toISOString(), isoWeek: '2026-W10' }]);
  });

  it('a malformed pilot id or policy is refused when the ledger opens', () => {
    expect(failureOf(() => openSnapshot('UK France')).type).toBe(LedgerErrorCode.InvalidInput);
    expect(failureOf(() => openSnapshot('pilot_UKFR00000001', { weeklyCap: 0 })).message).toContain('weeklyCap');
  });
});
