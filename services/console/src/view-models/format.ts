/** Dates are shown in UK time, as GOV.UK writes them: 4 December 2026 at 9:30pm. */
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });

/** An instant as GOV.UK style writes it, in UK time. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${DATE.format(at)} at ${TIME.format(at).replace(' ', '').replace(':00', '')}`;
}

const UNITS: readonly [string, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** A span of time in its two largest units: "2 days 3 hours", "45 minutes", "less than a minute". */
export function formatSpan(seconds: number): string {
  let left = Math.abs(Math.round(seconds));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
    else if (parts.length > 0) break;
  }
  return parts.length === 0 ? 'less than a minute' : parts.join(' ');
}

/** The time left on a deadline: "2 days 3 hours left", or "overdue by 4 hours". */
export function formatTimeLeft(seconds: number): string {
  return seconds < 0 ? `overdue by ${formatSpan(seconds)}` : `${formatSpan(seconds)} left`;
}

/** A deadline's tag: red once past, yellow within a day, none otherwise. */
export function deadlineTag(status: 'ok' | 'near' | 'overdue'): { text: string; classes: string } | undefined {
  if (status === 'overdue') return { text: 'Overdue', classes: 'govuk-tag--red' };
  if (status === 'near') return { text: 'Due soon', classes: 'govuk-tag--yellow' };
  return undefined;
}

/** A state or step id as words: `inadmissibility-approval` → "Inadmissibility approval". */
export function humanise(id: string): string {
  const words = id.replace(/[-_:]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
