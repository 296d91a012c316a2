/**
 * R11, one person, one case: what a Border Force arrival record is, given the earlier cases whose
 * biometrics it matches. Pure, so every branch is unit-tested without a database or Temporal.
 *
 * - A match with a case that is still open: a second record of that person; it opens no case.
 * - A match with a case that ended (or a return under it) after this record's arrival: a late record of
 *   the crossing that case covered; it opens no case either.
 * - Otherwise it is a new crossing and opens a case: flagged as a re-entry when the person was returned
 *   under the scheme before, and linked to an earlier case that ended without a return when there is one.
 */

/** Whether an earlier case is still open, and when it ended if not. */
export type EarlierCaseStatus = { open: true } | { open: false; endedAt: string };

/** An earlier case of the person, found by biometric match. */
export interface MatchedCase {
  caseId: string;
  /** The enrolment that matched best. */
  enrolmentReference: string;
  /** 1 for an exact match, otherwise the similarity score; never below the threshold. */
  score: number;
  /** When the person was returned to France under this case (R11), if they were. */
  returnedAt?: string;
  status: EarlierCaseStatus;
}

/** What a record is: linked to an existing case, or a new case with its links to the past. */
export type ArrivalRecordDecision =
  | { kind: 'link'; link: 'open-case' | 'ended-case'; to: MatchedCase }
  | { kind: 'new-case'; previousReturn?: MatchedCase; earlierCase?: MatchedCase };

/** Decides what an arrival record is from the cases it matches (see the file's comment). */
export function decideArrivalRecord(matches: readonly MatchedCase[], arrivedAt: string): ArrivalRecordDecision {
  const ranked = [...matches].sort((a, b) => b.score - a.score || a.caseId.localeCompare(b.caseId));
  const open = ranked.find((match) => match.returnedAt === undefined && match.status.open);
  if (open) return { kind: 'link', link: 'open-case', to: open };

  const arrival = Date.parse(arrivedAt);
  const covered = ranked.find((match) => arrival <= Date.parse(endOf(match)));
  if (covered) return { kind: 'link', link: 'ended-case', to: covered };

  const previousReturn = ranked.find((match) => match.returnedAt !== undefined);
  const earlierCase = ranked.find((match) => match.returnedAt === undefined);
  return { kind: 'new-case', ...(previousReturn ? { previousReturn } : {}), ...(earlierCase ? { earlierCase } : {}) };
}

/** When a case stopped covering the person: their return, else the case's end. Only called for cases not open. */
function endOf(match: MatchedCase): string {
  if (match.returnedAt !== undefined) return match.returnedAt;
  if (match.status.open) throw new Error(`case ${match.caseId} is open and has no end`);
  return match.status.endedAt;
}
