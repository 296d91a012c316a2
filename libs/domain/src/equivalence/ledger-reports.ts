import { type IsoWeek, compareIsoWeeks, isIsoWeek, isoWeekStart, nextIsoWeekStart } from './iso-week';
import { weeklyCapFor } from './ledger-policy';
import {
  type LedgerFigures,
  type LedgerMode,
  type LedgerPause,
  type LedgerReconciliation,
  type LedgerState,
  figuresOf,
  headroomOf,
  weekCapacityAt,
} from './ledger-state';

/** Q3: the joint committee's figures for one ISO week. */
export interface WeeklyReport extends LedgerFigures {
  pilotId: string;
  isoWeek: IsoWeek;
  /** Monday 00:00 UTC, and the Monday after. */
  from: string;
  to: string;
  /** False while the week is still running: its figures are those so far. */
  complete: boolean;
  /** Movements in the week: readmissions and admissions counted, places released and returned. */
  week: { readmissions: number; admissions: number; placesReleased: number; placesReturned: number };
  /** Q2: the week's cap (weekly cap, lowered by ramp-up). */
  cap: number;
}

/** Q3: the live balance, for monitoring. */
export interface LedgerBalance extends LedgerFigures {
  pilotId: string;
  asOf: string;
  mode: LedgerMode;
  paused: boolean;
  pause?: LedgerPause;
  /** Q2: places that could be released now as far as the balance goes. */
  headroom: number;
  /** Q2: the tolerance in force (none from a notice of termination, Q5). */
  tolerance: number;
  currentWeek: { isoWeek: IsoWeek; cap: number; released: number; remaining: number };
  placesReleased: number;
  placesReturned: number;
  reconciliation?: LedgerReconciliation;
}

/** Q3: the live balance. */
export function balanceOf(ledger: LedgerState, now: Date): LedgerBalance {
  return {
    pilotId: ledger.pilotId,
    asOf: now.toISOString(),
    ...figuresOf(ledger),
    mode: ledger.mode,
    paused: ledger.pause !== undefined,
    ...(ledger.pause ? { pause: ledger.pause } : {}),
    headroom: headroomOf(ledger),
    tolerance: ledger.mode === 'open' ? ledger.policy.tolerance : 0,
    currentWeek: weekCapacityAt(ledger, now),
    placesReleased: ledger.totals.released,
    placesReturned: ledger.totals.returned,
    ...(ledger.reconciliation ? { reconciliation: ledger.reconciliation } : {}),
  };
}

const NOTHING_YET: LedgerFigures = { readmissions: 0, admissions: 0, grantsOutstanding: 0, eoisHeld: 0, placesHeld: 0, imbalance: 0 };

/**
 * Q3: one ISO week's report. The figures that stand (readmissions, admissions, grants outstanding, EOIs
 * held, imbalance) are those at the week's last change, carried over from the last week with a change
 * when nothing happened in it; the week's movements are what it counted.
 */
export function weeklyReport(ledger: LedgerState, isoWeek: IsoWeek, now: Date): WeeklyReport {
  if (!isIsoWeek(isoWeek)) throw new Error(`not an ISO week (YYYY-Www): ${String(isoWeek)}`);
  const tally = ledger.weeks[isoWeek];
  let standing = tally?.closing;
  if (!standing) {
    const earlier = Object.keys(ledger.weeks)
      .filter((week) => compareIsoWeeks(week, isoWeek) < 0)
      .sort(compareIsoWeeks)
      .at(-1);
    standing = earlier ? (ledger.weeks[earlier]?.closing ?? NOTHING_YET) : NOTHING_YET;
  }
  const from = isoWeekStart(isoWeek);
  const to = nextIsoWeekStart(from);
  return {
    pilotId: ledger.pilotId,
    isoWeek,
    from: from.toISOString(),
    to: to.toISOString(),
    complete: now.getTime() >= to.getTime(),
    ...standing,
    week: {
      readmissions: tally?.readmissions ?? 0,
      admissions: tally?.admissions ?? 0,
      placesReleased: tally?.released ?? 0,
      placesReturned: tally?.returned ?? 0,
    },
    cap: weeklyCapFor(ledger.policy, isoWeek),
  };
}
