/** A timestamptz column (a Date on both drivers, or its text) as an ISO 8601 string. */
export function isoTimestamp(value: unknown): string {
  return new Date(value as Date | string).toISOString();
}

/** {@link isoTimestamp} for a nullable column: null stays null. */
export function isoTimestampOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : isoTimestamp(value);
}
