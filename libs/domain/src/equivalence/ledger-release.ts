import { addMonths } from '../time';
import { type IsoWeek, isoWeekOf, nextIsoWeekStart } from './iso-week';
import {
  LEDGER_ACTOR,
  type LedgerEoi,
  type LedgerState,
  type PlacesRelease,
  closeWeekFigures,
  headroomOf,
  imbalanceOf,
  weekCapacityAt,
  weekTallyAt,
} from './ledger-state';

/** Q5: a notice of termination takes effect one month after it is given (treaty, not policy). */
export const NOTICE_OF_TERMINATION_MONTHS = 1;

/** Q5: when a notice given at `givenAt` ends the pilot. */
export function terminationDate(givenAt: Date): Date {
  return addMonths(givenAt, NOTICE_OF_TERMINATION_MONTHS);
}

/**
 * E6 (policy): held EOIs in the order they get places: listed nationalities first, then a UK link
 * within 5 years (if the policy says so), then submission order (and the ledger's own order between equals).
 */
export function heldInPriorityOrder(ledger: LedgerState): LedgerEoi[] {
  const ukLinkCounts = ledger.policy.priority.ukLinkFirst;
  // Rank and time worked out once per EOI, not once per comparison: the ledger sorts on every change.
  return Object.values(ledger.eois)
    .filter((eoi) => eoi.status === 'held')
    .map((eoi) => ({ eoi, rank: (eoi.priority.listedNationality ? 0 : 2) + (ukLinkCounts && eoi.priority.ukLink ? 0 : 1), submitted: Date.parse(eoi.submittedAt) }))
    .sort((a, b) => a.rank - b.rank || a.submitted - b.submitted || a.eoi.sequence - b.eoi.sequence)
    .map(({ eoi }) => eoi);
}

/** Whether an EOI's places can go now and, when they cannot, whether the EOI holds up those behind it. */
export type PlacesFit = { fits: true } | { fits: false; holdsUpOthers: boolean; reason: string };

/** Q2, Q5, E5: whether `people` places (one family, never split) can be released now. */
export function placesFit(ledger: LedgerState, people: number, now: Date): PlacesFit {
  const week = weekCapacityAt(ledger, now);
  if (people > week.cap) {
    return { fits: false, holdsUpOthers: false, reason: `Q2: ${people} places are more than week ${week.isoWeek}'s cap of ${week.cap}` };
  }
  const headroom = headroomOf(ledger);
  if (people > headroom) {
    const why = ledger.mode === 'open' ? 'Q2: readmissions plus the tolerance' : 'Q5: the readmissions already confirmed';
    return { fits: false, holdsUpOthers: true, reason: `${why} leave room for ${headroom} more places, not ${people}` };
  }
  if (people > week.remaining) {
    return { fits: false, holdsUpOthers: true, reason: `Q2: week ${week.isoWeek} has ${week.remaining} of its ${week.cap} places left, not ${people}` };
  }
  return { fits: true };
}

/** Q4: pauses intake by itself once the imbalance passes the policy's threshold (off when none is set). */
export function autoPauseIfImbalanced(ledger: LedgerState, now: Date): boolean {
  const threshold = ledger.policy.autoPauseImbalance;
  if (threshold === undefined || threshold === null || ledger.pause || ledger.mode === 'ended') return false;
  const imbalance = imbalanceOf(ledger);
  if (imbalance <= threshold) return false;
  const why = `Q4: the imbalance of ${imbalance} places passed the threshold of ${threshold}`;
  ledger.pause = { by: LEDGER_ACTOR, reason: why, at: now.toISOString(), automatic: true };
  ledger.decisions.push({ at: now.toISOString(), what: 'auto-paused', by: LEDGER_ACTOR, why });
  return true;
}

/** Q5: once the notice has run its month, the pilot ends and the final imbalance is recorded. */
export function applyLedgerClock(ledger: LedgerState, now: Date): void {
  const reconciliation = ledger.reconciliation;
  if (ledger.mode !== 'reconciliation' || !reconciliation || now.getTime() < new Date(reconciliation.endsAt).getTime()) return;
  ledger.mode = 'ended';
  reconciliation.endedAt = now.toISOString();
  reconciliation.finalImbalance = imbalanceOf(ledger);
  ledger.decisions.push({
    at: now.toISOString(),
    what: 'pilot-ended',
    by: LEDGER_ACTOR,
    why: `Q5: the notice of termination given ${reconciliation.givenAt} has run out; final imbalance ${reconciliation.finalImbalance}`,
  });
  closeWeekFigures(ledger, now);
}

/** When the ledger must look again even if nothing happens: the next ISO week (a new cap) or the end of the notice. */
export function nextLedgerWake(ledger: LedgerState, now: Date): Date {
  const nextWeek = nextIsoWeekStart(now);
  const endsAt = ledger.mode === 'reconciliation' && ledger.reconciliation ? new Date(ledger.reconciliation.endsAt) : undefined;
  return endsAt && endsAt.getTime() < nextWeek.getTime() ? endsAt : nextWeek;
}

function release(ledger: LedgerState, eoi: LedgerEoi, now: Date, isoWeek: IsoWeek): PlacesRelease {
  eoi.status = 'granted';
  eoi.releasedAt = now.toISOString();
  eoi.releasedInWeek = isoWeek;
  ledger.totals.eoisHeld -= 1;
  ledger.totals.placesHeld -= eoi.people;
  // The grant is implied by the release (E7): its places are outstanding until used, lapsed or revoked.
  ledger.totals.released += eoi.people;
  ledger.totals.grantsOutstanding += eoi.people;
  weekTallyAt(ledger, now).released += eoi.people;
  return { eoiId: eoi.eoiId, places: eoi.people, releasedAt: eoi.releasedAt, isoWeek };
}

/**
 * Releases places to held EOIs while they fit, in E6's priority order, and returns the releases (each
 * EOI's case is then told). Nothing goes while intake is paused (Q4) or after the pilot has ended (Q5).
 * Every release keeps Q2 at that instant: admissions + grants outstanding + the family's places stay
 * within readmissions + tolerance (readmissions alone in reconciliation), and the week's releases within its cap.
 *
 * E5 and fairness: a family is never split, and when the EOI at the head of the order does not fit, no
 * EOI behind it goes first, not even a smaller one that would fit. Letting smaller EOIs pass would give
 * every place to the steady flow of single applicants as soon as it frees up, and a family could wait
 * for ever; holding the places for the head keeps E6's order and costs at most the wait for the next
 * readmissions or the next week. The one exception: an EOI larger than this week's whole cap (a low
 * ramp-up week) cannot go this week whatever happens, so it waits for a week it fits without holding up others.
 */
export function releasePlaces(ledger: LedgerState, now: Date): PlacesRelease[] {
  applyLedgerClock(ledger, now);
  const releases: PlacesRelease[] = [];
  autoPauseIfImbalanced(ledger, now);
  // With no room for even one place, every EOI either does not fit or waits for a bigger week: skip the sort.
  if (ledger.pause || ledger.mode === 'ended' || headroomOf(ledger) < 1 || weekCapacityAt(ledger, now).remaining < 1) return releases;
  const isoWeek = isoWeekOf(now);
  for (const eoi of heldInPriorityOrder(ledger)) {
    // A release can pass the auto-pause threshold (Q4); the mode does not change here.
    if (ledger.pause) break;
    const fit = placesFit(ledger, eoi.people, now);
    if (fit.fits) {
      releases.push(release(ledger, eoi, now, isoWeek));
      autoPauseIfImbalanced(ledger, now);
      continue;
    }
    if (fit.holdsUpOthers) break;
  }
  if (releases.length > 0) closeWeekFigures(ledger, now);
  return releases;
}
