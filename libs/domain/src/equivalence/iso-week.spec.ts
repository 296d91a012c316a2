import fc from 'fast-check';
import { compareIsoWeeks, isIsoWeek, isoWeekOf, isoWeekStart, nextIsoWeekStart, weeksInIsoYear } from './iso-week';

describe('ISO-8601 weeks', () => {
  it('Q3 31 December 2026 and 1 January 2027 both fall in week 53 of 2026', () => {
    expect(isoWeekOf(new Date('2026-12-31T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2027-01-03T23:59:59.999Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2027-01-04T00:00:00Z'))).toBe('2027-W01');
  });

  it('Q3 31 December 2020 is in week 53 of 2020', () => {
    expect(isoWeekOf(new Date('2020-12-31T08:00:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(new Date('2021-01-03T08:00:00Z'))).toBe('2020-W53');
  });

  it('Q3 a late-December Monday can open week 1 of the next year', () => {
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeekOf(new Date('2024-12-29T23:59:59Z'))).toBe('2024-W52');
  });

  it('Q3 weeks run Monday 00:00 to Monday 00:00 UTC', () => {
    expect(isoWeekStart('2026-W53').toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(isoWeekStart('2025-W01').toISOString()).toBe('2024-12-30T00:00:00.000Z');
    expect(isoWeekStart('2020-W53').toISOString()).toBe('2020-12-28T00:00:00.000Z');
    expect(nextIsoWeekStart(new Date('2026-12-31T12:00:00Z')).toISOString()).toBe('2027-01-04T00:00:00.000Z');
    expect(nextIsoWeekStart(new Date('2026-03-02T00:00:00Z')).toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it('Q3 years have 52 or 53 weeks, and only existing weeks are accepted', () => {
    expect([2020, 2021, 2025, 2026, 2027].map(weeksInIsoYear)).toEqual([53, 52, 52, 53, 52]);
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2025-W00')).toBe(false);
    expect(isIsoWeek('2025-W7')).toBe(false);
    expect(isIsoWeek(202507)).toBe(false);
    expect(() => isoWeekStart('2025-W53')).toThrow(/not an ISO week/);
  });

  it('Q3 every instant lies in the Monday-to-Monday week its label names, and labels sort in time order', () => {
    const instants = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, instants, (at, other) => {
        const week = isoWeekOf(at);
        const start = isoWeekStart(week);
        expect(isIsoWeek(week)).toBe(true);
        expect(start.getUTCDay()).toBe(1);
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(nextIsoWeekStart(at).getTime() - start.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
        expect(at.getTime()).toBeLessThan(nextIsoWeekStart(at).getTime());
        if (at.getTime() < other.getTime()) expect(compareIsoWeeks(week, isoWeekOf(other))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});
