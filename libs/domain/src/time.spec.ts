import { addMonths } from './time';

describe('calendar arithmetic', () => {
  it('R6 three months from 30 November is 28 February, clamped to the month end', () => {
    expect(addMonths(new Date('2025-11-30T12:00:00Z'), 3).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });

  it('R6 three months from 10 August is 10 November', () => {
    expect(addMonths(new Date('2025-08-10T06:00:00Z'), 3).toISOString()).toBe('2025-11-10T06:00:00.000Z');
  });
});
