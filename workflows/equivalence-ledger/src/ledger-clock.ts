import { type IsoWeek, isoWeekOf, isoWeekStart, nextIsoWeekStart } from '@oioo/domain';
import type { WeeklyReportPublishedData } from '@oioo/contracts';
import { type LedgerSnapshot, reportOf } from './ledger-snapshot';

/** At most this many finished weeks are published in one go, so a ledger that slept for long catches up in steps. */
const MAX_REPORTS_AT_ONCE = 8;

/**
 * The pilot's clock: real time from when the ledger opened, run `timeCompression` times faster. Every rule
 * reads this clock, so a compressed demonstration has ISO weeks, caps and reports of its own; with the
 * production setting of 1 it is the workflow's own clock.
 */
export function pilotNow(snapshot: LedgerSnapshot, realNow: Date): Date {
  const compression = snapshot.ledger.policy.timeCompression;
  if (compression === 1) return realNow;
  const origin = new Date(snapshot.clockOrigin).getTime();
  return new Date(origin + (realNow.getTime() - origin) * compression);
}

/** Real milliseconds until the pilot clock reaches `pilotInstant` (at least 1, so a timer is always valid). */
export function realDelayUntil(snapshot: LedgerSnapshot, pilotInstant: Date, realNow: Date): number {
  const pilotWait = pilotInstant.getTime() - pilotNow(snapshot, realNow).getTime();
  return Math.max(Math.ceil(pilotWait / snapshot.ledger.policy.timeCompression), 1);
}

/** Q3: the finished ISO weeks (pilot clock) not yet published, oldest first, from the week the ledger opened. */
export function weeksToReport(snapshot: LedgerSnapshot, now: Date): IsoWeek[] {
  const current = isoWeekStart(isoWeekOf(now)).getTime();
  let start = snapshot.reportedThrough ? nextIsoWeekStart(isoWeekStart(snapshot.reportedThrough)) : isoWeekStart(snapshot.openedInWeek);
  const due: IsoWeek[] = [];
  while (start.getTime() < current && due.length < MAX_REPORTS_AT_ONCE) {
    due.push(isoWeekOf(start));
    start = nextIsoWeekStart(start);
  }
  return due;
}

/** Q3: a finished week's report as the joint committee's event carries it. */
export function reportEventOf(snapshot: LedgerSnapshot, isoWeek: IsoWeek, now: Date, publishedAt: Date): WeeklyReportPublishedData {
  const { complete: _complete, ...report } = reportOf(snapshot, isoWeek, now);
  return { ...report, publishedAt: publishedAt.toISOString() };
}
