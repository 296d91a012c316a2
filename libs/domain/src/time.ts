/** Milliseconds in one calendar day (the treaty counts calendar days; all instants are UTC). */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant `days` calendar days after `from`. */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}
