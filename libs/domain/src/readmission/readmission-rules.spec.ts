import { ageAllowsReadmission } from './readmission-age';
import { assessTransferBars } from './readmission-bars';
import { replyDeadline } from './readmission-deadlines';
import { DEFAULT_READMISSION_POLICY } from './readmission-policy';
import { correctedRequestAllowed } from './france-refusal';

describe('readmission rules', () => {
  it('R2 excludes an unaccompanied minor and lets adults and accompanied minors go on', () => {
    expect(ageAllowsReadmission('unaccompanied-minor')).toEqual({ allowed: false, reason: expect.stringContaining('R2') });
    expect(ageAllowsReadmission('adult')).toEqual({ allowed: true });
    expect(ageAllowsReadmission('accompanied-minor')).toEqual({ allowed: true });
  });

  it('R4 France has 14 days, or 28 once it extends', () => {
    const sent = new Date('2025-08-20T00:00:00Z');
    expect(replyDeadline(sent, DEFAULT_READMISSION_POLICY, false).toISOString()).toBe('2025-09-03T00:00:00.000Z');
    expect(replyDeadline(sent, DEFAULT_READMISSION_POLICY, true).toISOString()).toBe('2025-09-17T00:00:00.000Z');
  });

  it('R5 any pending matter bars the transfer and is named', () => {
    expect(assessTransferBars([])).toEqual({ clear: true });
    expect(assessTransferBars([{ kind: 'suspensive-appeal', reference: 'ap-1' }])).toEqual({ clear: false, reasons: ['R5: pending suspensive-appeal (ap-1)'] });
  });

  it('R10 a corrected request is allowed only while R3 runs', () => {
    const deadline = new Date('2025-08-24T06:00:00Z');
    expect(correctedRequestAllowed(new Date('2025-08-24T05:59:00Z'), deadline)).toBe(true);
    expect(correctedRequestAllowed(deadline, deadline)).toBe(false);
  });
});
