import { DAY_MS } from '../time';

/**
 * An ISO-8601 week, written `2026-W53` (Q3 reports by it). A week runs from Monday 00:00 to the next
 * Monday 00:00 UTC: like every instant on the platform (time.ts), weeks are counted in UTC.
 */
export type IsoWeek = string;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const WEEK_MS = 7 * DAY_MS;

/** Monday 0 … Sunday 6 (JavaScript counts Sunday as 0). */
function isoWeekday(at: Date): number {
  return (at.getUTCDay() + 6) % 7;
}

/** Midnight UTC at the start of the day holding `at`. */
function startOfDay(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}

/** Monday 00:00 UTC of week 1 of an ISO year: the week holding 4 January. */
function firstMondayOfIsoYear(year: number): number {
  const fourthOfJanuary = new Date(Date.UTC(year, 0, 4));
  return fourthOfJanuary.getTime() - isoWeekday(fourthOfJanuary) * DAY_MS;
}

/** The ISO week holding an instant. A week belongs to the year of its Thursday, so 1 January can fall in the last week of the year before. */
export function isoWeekOf(at: Date): IsoWeek {
  const day = startOfDay(at);
  const thursday = new Date(day + (3 - isoWeekday(new Date(day))) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - firstMondayOfIsoYear(year)) / WEEK_MS) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** 52 or 53: the number of ISO weeks in a year (28 December always falls in the last one). */
export function weeksInIsoYear(year: number): number {
  return Number(isoWeekOf(new Date(Date.UTC(year, 11, 28))).slice(6));
}

/** True when the value is a well-formed ISO week that exists (`2026-W53` does; `2025-W53` does not). */
export function isIsoWeek(value: unknown): value is IsoWeek {
  if (typeof value !== 'string') return false;
  const match = ISO_WEEK.exec(value);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInIsoYear(Number(match[1]));
}

/** Monday 00:00 UTC at the start of an ISO week. */
export function isoWeekStart(week: IsoWeek): Date {
  const match = ISO_WEEK.exec(week);
  if (!match || !isIsoWeek(week)) throw new Error(`not an ISO week (YYYY-Www): ${week}`);
  return new Date(firstMondayOfIsoYear(Number(match[1])) + (Number(match[2]) - 1) * WEEK_MS);
}

/** The first instant of the ISO week after the one holding `at`: when a new week's cap comes into force. */
export function nextIsoWeekStart(at: Date): Date {
  return new Date(isoWeekStart(isoWeekOf(at)).getTime() + WEEK_MS);
}

/** Orders two ISO weeks (negative when `a` comes first). The fixed `YYYY-Www` form sorts as text. */
export function compareIsoWeeks(a: IsoWeek, b: IsoWeek): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
