import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_READMISSION_POLICY } from '@oioo/domain';
import { checkCommand, recordScreening, submitCorrectedRequest } from './case-commands';
import { type CaseSnapshot, close, openCase } from './case-state';

const NOW = new Date('2025-09-01T10:00:00Z');

function snapshotIn(state: CaseSnapshot['state'], overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return { ...openCase('case_UNIT00000001', DEFAULT_READMISSION_POLICY), state, ...overrides };
}

function failureType(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    return (error as ApplicationFailure).type ?? undefined;
  }
  throw new Error('the step was accepted');
}

describe('case commands (pure)', () => {
  it('R10 a corrected request once R3 has run out is refused as too late', () => {
    const snapshot = snapshotIn('refused-correctable', { requestDeadline: '2025-09-01T09:59:59Z' });
    const type = failureType(() => checkCommand(snapshot, submitCorrectedRequest, { commandId: 'c1', actor: 'cw_PROPOSER0001', corrections: 'x' }, NOW));
    expect(type).toBe('CORRECTION_TOO_LATE');
  });

  it('a step on a case that has ended is refused as CASE_CLOSED while its workflow winds up', () => {
    const snapshot = snapshotIn('screening');
    close(snapshot, 'transferred', NOW, 'workflow', 'done');
    const type = failureType(() => checkCommand(snapshot, recordScreening, { commandId: 'c2', actor: 'cw_PROPOSER0001', age: 'adult', vulnerabilities: [] }, NOW));
    expect(type).toBe('CASE_CLOSED');
  });

  it('malformed input is refused naming the field', () => {
    const snapshot = snapshotIn('screening');
    expect(() => checkCommand(snapshot, recordScreening, { commandId: '', actor: 'cw_PROPOSER0001', age: 'adult', vulnerabilities: [] }, NOW)).toThrow(/commandId/);
    expect(() =>
      checkCommand(snapshot, recordScreening, { commandId: 'c3', actor: 'cw_PROPOSER0001', age: 'teenager' as 'adult', vulnerabilities: [] }, NOW),
    ).toThrow(/age must be/);
  });
});
