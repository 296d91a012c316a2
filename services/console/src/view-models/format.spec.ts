import { deadlineTag, formatDateTime, formatSpan, formatTimeLeft, humanise } from './format';

describe('formatting for people', () => {
  it('writes instants in UK time, GOV.UK style, summer time included', () => {
    expect(formatDateTime('2026-12-04T21:30:00Z')).toBe('4 December 2026 at 9:30pm');
    expect(formatDateTime('2026-07-01T08:00:00Z')).toBe('1 July 2026 at 9am');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('writes a span in its two largest units', () => {
    expect(formatSpan(2 * 86_400 + 3 * 3_600 + 59)).toBe('2 days 3 hours');
    expect(formatSpan(3_600)).toBe('1 hour');
    expect(formatSpan(45 * 60)).toBe('45 minutes');
    expect(formatSpan(86_400 + 60)).toBe('1 day');
    expect(formatSpan(20)).toBe('less than a minute');
  });

  it('says how long is left, or how long ago a deadline passed, and tags the near and the past', () => {
    expect(formatTimeLeft(7_200)).toBe('2 hours left');
    expect(formatTimeLeft(-4 * 3_600)).toBe('overdue by 4 hours');
    expect(deadlineTag('overdue')).toEqual({ text: 'Overdue', classes: 'govuk-tag--red' });
    expect(deadlineTag('near')).toEqual({ text: 'Due soon', classes: 'govuk-tag--yellow' });
    expect(deadlineTag('ok')).toBeUndefined();
  });

  it('turns ids into words', () => {
    expect(humanise('inadmissibility-approval')).toBe('Inadmissibility approval');
    expect(humanise('state:screening')).toBe('State screening');
  });
});
