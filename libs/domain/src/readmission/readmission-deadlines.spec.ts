import { requestDeadline } from './readmission-deadlines';

describe('readmission deadlines', () => {
  it('R3 request deadline falls 14 calendar days after arrival, to the minute', () => {
    expect(requestDeadline(new Date('2025-08-10T06:30:00Z')).toISOString()).toBe('2025-08-24T06:30:00.000Z');
  });

  it('R3 request deadline counts calendar days across a month end', () => {
    expect(requestDeadline(new Date('2025-08-25T23:59:00Z')).toISOString()).toBe('2025-09-08T23:59:00.000Z');
  });
});
