import { z } from 'zod';

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Milliseconds of an ISO-8601 duration (`P90D`, `P2Y`, `PT30S`), or undefined when it is not one. A year
 * counts 365 days and a month 30, so a period is one fixed length wherever it is applied (a sweep's cutoff,
 * a Kafka topic's `retention.ms`) and never depends on the calendar it starts in.
 */
export function isoDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return (
    (years ?? 0) * 365 * DAY_MS +
    (months ?? 0) * 30 * DAY_MS +
    (weeks ?? 0) * 7 * DAY_MS +
    (days ?? 0) * DAY_MS +
    (hours ?? 0) * HOUR_MS +
    (minutes ?? 0) * MINUTE_MS +
    Math.round((seconds ?? 0) * SECOND_MS)
  );
}

/** A period as configured: the ISO-8601 text and its length in milliseconds. */
export interface Period {
  iso: string;
  ms: number;
}

/** An ISO-8601 duration of at least one second, parsed to a {@link Period}. */
export const periodSchema = z.string().transform((text, context): Period => {
  const ms = isoDurationMs(text);
  if (ms === undefined || ms < SECOND_MS) {
    context.addIssue({ code: 'custom', message: `must be an ISO-8601 duration of at least one second, such as P90D, P2Y or PT30S; not "${text}"` });
    return z.NEVER;
  }
  return { iso: text.trim(), ms };
});
