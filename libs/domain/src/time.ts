/** Milliseconds in one calendar day (the treaty counts calendar days; all instants are UTC). */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Milliseconds in one hour. */
export const HOUR_MS = 60 * 60 * 1000;

/** The instant `days` calendar days after `from`; `compression` shortens the wait for demonstrations only. */
export function addDays(from: Date, days: number, compression = 1): Date {
  return new Date(from.getTime() + (days * DAY_MS) / compression);
}

/** The instant `hours` hours after `from` (negative goes back); `compression` as for {@link addDays}. */
export function addHours(from: Date, hours: number, compression = 1): Date {
  return new Date(from.getTime() + (hours * HOUR_MS) / compression);
}

/**
 * The instant `months` calendar months after `from`, clamped to the month's last day (31 Jan + 1 month
 * is 28/29 Feb). With compression, a month counts as 30 days, as calendar months have no meaning then.
 */
export function addMonths(from: Date, months: number, compression = 1): Date {
  if (compression !== 1) return addDays(from, months * 30, compression);
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
