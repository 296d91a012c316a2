import { type IsoWeek, isoWeekOf, isoWeekStart, nextIsoWeekStart, nextLedgerWake } from '@oioo/domain';
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

/** Real milliseconds until the pilot clock, now at `pilotFrom`, reaches `pilotInstant` (at least 1, so a timer is always valid). */
export function realDelayUntil(snapshot: LedgerSnapshot, pilotInstant: Date, pilotFrom: Date): number {
  const pilotWait = pilotInstant.getTime() - pilotFrom.getTime();
  return Math.max(Math.ceil(pilotWait / snapshot.ledger.policy.timeCompression), 1);
}

/**
 * The time the ledger's rules read once it is on its rule clock (`wakesSeenUntil` set): the pilot clock, held
 * within the window from the last wake its own timer has seen fire (an ISO week's start, the end of a notice)
 * to just before the next one. Which week a fact counts in, each week's cap, and which reports are due are
 * decided by the window, so by the timers' firings in the history: a worker handed the clock of an earlier
 * task after a restart, and a replay reading the right one, decide the same. Times stamped on the ledger
 * stay within the window, close to the real ones. Off the rule clock (a ledger begun before it), the pilot clock.
 */
export function ledgerRuleNow(snapshot: LedgerSnapshot, realNow: Date): Date {
  const pilot = pilotNow(snapshot, realNow);
  if (snapshot.wakesSeenUntil === undefined) return pilot;
  const seen = new Date(snapshot.wakesSeenUntil);
  const nextWake = nextLedgerWake(snapshot.ledger, seen);
  const windowEnd = nextWake.getTime() > seen.getTime() ? nextWake : nextIsoWeekStart(seen);
  return new Date(Math.min(Math.max(pilot.getTime(), seen.getTime()), windowEnd.getTime() - 1));
}

/** Puts a ledger on its rule clock from `pilotInstant` (its opening, or the start of the first run after the change); a ledger already on it keeps its own. */
export function startLedgerRuleClock(snapshot: LedgerSnapshot, pilotInstant: Date): void {
  snapshot.wakesSeenUntil ??= pilotInstant.toISOString();
}

/** Records that the ledger's timer for a wake has fired: its rule clock's window moves on to that wake. */
export function ledgerWakeSeen(snapshot: LedgerSnapshot, wake: Date): void {
  if (snapshot.wakesSeenUntil !== undefined && wake.getTime() > new Date(snapshot.wakesSeenUntil).getTime()) snapshot.wakesSeenUntil = wake.toISOString();
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
