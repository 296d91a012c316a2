import { handoverConfirmationDue, requestDeadline } from './readmission-deadlines';
import { DEFAULT_READMISSION_POLICY } from './readmission-policy';

describe('readmission deadlines', () => {
  it('R3 request deadline falls 14 calendar days after arrival, to the minute', () => {
    expect(requestDeadline(new Date('2025-08-10T06:30:00Z')).toISOString()).toBe('2025-08-24T06:30:00.000Z');
  });

  it('R3 request deadline counts calendar days across a month end', () => {
    expect(requestDeadline(new Date('2025-08-25T23:59:00Z')).toISOString()).toBe('2025-09-08T23:59:00.000Z');
  });

  it('R9 France’s handover confirmation is overdue a day after departure, or the policy’s hours, and a case opened before the policy had them takes the day', () => {
    const departsAt = new Date('2025-09-01T08:00:00Z');
    expect(handoverConfirmationDue(departsAt, DEFAULT_READMISSION_POLICY).toISOString()).toBe('2025-09-02T08:00:00.000Z');
    expect(handoverConfirmationDue(departsAt, { ...DEFAULT_READMISSION_POLICY, handoverConfirmationHours: 6 }).toISOString()).toBe('2025-09-01T14:00:00.000Z');
    const { handoverConfirmationHours: _absent, ...olderPolicy } = DEFAULT_READMISSION_POLICY;
    expect(handoverConfirmationDue(departsAt, olderPolicy).toISOString()).toBe('2025-09-02T08:00:00.000Z');
  });
});
