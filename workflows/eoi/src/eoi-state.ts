import { type EoiApplicantFacts, type EoiPolicy, type RuleClockState, addDays, addHours, adultsOf } from '@oioo/domain';
import type { EoiCaseResult, EoiCaseState, EoiCaseView, EoiDeadline, EoiOutcome, EoiPersonView, EoiStepResult, EoiTimelineEntry, SecurityCheckCompletedSignalInput } from './definitions';

/** How far one person in the EOI has got: kept as the view shows it. */
export type EoiPerson = EoiPersonView;

/** What the case owes the ledger: places to give back (E6, Q6), sent as signals to `ledger:<pilotId>`. */
export type LedgerNotice = { kind: 'withdrawn' | 'revoked' | 'lapsed'; reason: string };

/** An arrival the ledger has not been told of yet (Q1, E8). */
export interface PendingAdmission {
  commandId: string;
  personId: string;
  arrivedAt: string;
}

/**
 * Everything an EOI case knows, as plain data: the workflow keeps one and passes it through
 * continue-as-new, and every rule is a pure function of it and the time.
 */
export interface EoiSnapshot extends RuleClockState {
  eoiId: string;
  pilotId: string;
  policy: EoiPolicy;
  state: EoiCaseState;
  submission?: { eventId: string; submittedAt: string; familyReference?: string; applicants: EoiApplicantFacts[] };
  people: EoiPerson[];
  presence?: { askedAt: string; confirmBy: string };
  places?: { status: 'held' | 'released'; requestedAt: string; releasedAt?: string };
  appointment?: { reference: string; centre: string; at: string; attendBy: string };
  /** E7: the request for checks; `chaseBy` is when an unanswered request is escalated, and `escalated` says it was. */
  checks?: { reference: string; requestedAt: string; chaseBy?: string; escalated?: boolean };
  /**
   * E7: the case keeps security results that come before its request for checks is recorded, and escalates a
   * request left unanswered; set on cases begun after both came, so older ones replay as they ran.
   */
  checksWatched?: boolean;
  /** Security results that came before the request for checks was recorded, applied once it is (E7). */
  earlyCheckResults?: SecurityCheckCompletedSignalInput[];
  proposal?: { decision: 'grant' | 'refuse'; proposer: string; reasons: string; evidence: string[] };
  grant?: { grantedAt: string; validUntil: string; travelReference?: string; departsAt?: string };
  /** Notices for the ledger not yet sent. */
  ledgerOutbox: LedgerNotice[];
  /** Arrivals not yet counted on the ledger. */
  admissionsOutbox: PendingAdmission[];
  outcome?: { outcome: EoiOutcome; reason: string };
  /** Caseworker and agency commands already carried out, by command id. */
  commands: Record<string, { step: string; result: EoiStepResult }>;
  /** Ids of the agency events already applied: a redelivered signal changes nothing. */
  seenEvents: string[];
  timeline: EoiTimelineEntry[];
}

/** Who the case names when it acts by itself. */
export const EOI_SYSTEM = 'system:eoi-case';

/** A new case, waiting for its submission. */
export function openEoiCase(eoiId: string, pilotId: string, policy: EoiPolicy): EoiSnapshot {
  return { eoiId, pilotId, policy, state: 'awaiting-submission', people: [], ledgerOutbox: [], admissionsOutbox: [], commands: {}, seenEvents: [], timeline: [] };
}

/** True once the case has reached an end state. */
export function isClosed(snapshot: EoiSnapshot): boolean {
  return snapshot.outcome !== undefined;
}

/** Appends to the timeline (S2: never edited). */
export function record(snapshot: EoiSnapshot, now: Date, what: string, by: string, why: string, evidence: string[] = []): void {
  snapshot.timeline.push({ at: now.toISOString(), what, by, why, evidence });
}

/** Moves the case to a state, with the reason on the timeline. */
export function moveTo(snapshot: EoiSnapshot, state: EoiCaseState, now: Date, by: string, why: string): EoiStepResult {
  snapshot.state = state;
  record(snapshot, now, `moved to ${state}`, by, why);
  return { state };
}

/**
 * Ends the case with a reason. Places the ledger still counts for it go back: a held request is withdrawn
 * and released places are revoked (E6, Q6); a grant that ran out lapses. Both notices are queued when the
 * case cannot tell whether the ledger released its places before it heard of the withdrawal: the ledger
 * ignores whichever does not apply, so no place is lost and none is returned twice.
 */
export function close(snapshot: EoiSnapshot, outcome: EoiOutcome, now: Date, by: string, reason: string): EoiStepResult {
  snapshot.outcome = { outcome, reason };
  if (snapshot.places) {
    if (outcome === 'lapsed') snapshot.ledgerOutbox.push({ kind: 'lapsed', reason });
    else if (outcome !== 'admitted') {
      if (snapshot.places.status === 'held') snapshot.ledgerOutbox.push({ kind: 'withdrawn', reason });
      snapshot.ledgerOutbox.push({ kind: 'revoked', reason });
    }
  }
  return moveTo(snapshot, outcome, now, by, reason);
}

/** Marks an agency event as applied; false when it was applied before. */
export function firstSight(snapshot: EoiSnapshot, eventId: string): boolean {
  if (snapshot.seenEvents.includes(eventId)) return false;
  snapshot.seenEvents.push(eventId);
  return true;
}

/** The people of the EOI from the submission, with E2's adults worked out on the submission date. */
export function peopleOf(applicants: EoiApplicantFacts[], submittedAt: Date, policy: EoiPolicy): EoiPerson[] {
  const adults = new Set(adultsOf(applicants, submittedAt, policy.adultAge));
  return applicants.map((person) => ({ personId: person.personId, role: person.role, adult: adults.has(person.personId) }));
}

/** E2's deadline for confirmations, given when the adults were asked. */
export function presenceDeadline(policy: EoiPolicy, askedAt: Date): Date {
  return addHours(askedAt, policy.presenceConfirmationHours, policy.timeCompression);
}

/** E7's deadline for attending the visa application centre. */
export function attendanceDeadline(policy: EoiPolicy, appointmentAt: Date): Date {
  return addDays(appointmentAt, policy.biometricsAttendanceDays, policy.timeCompression);
}

/** E7 (policy): when a request for checks still unanswered is escalated. */
export function checksChaseDeadline(policy: EoiPolicy, requestedAt: Date): Date {
  return addDays(requestedAt, policy.securityChecksChaseDays, policy.timeCompression);
}

/** E7: the case waits on security results whose request went unanswered past its chase deadline. */
export function checksEscalated(snapshot: EoiSnapshot): boolean {
  return snapshot.state === 'security-checks' && snapshot.checks?.escalated === true;
}

/** The next deadline the case is waiting on, and its rule. */
export function nextDeadlineOf(snapshot: EoiSnapshot): EoiDeadline | undefined {
  if (isClosed(snapshot)) return undefined;
  if (snapshot.state === 'awaiting-presence' && snapshot.presence) return { rule: 'E2', at: snapshot.presence.confirmBy };
  if (snapshot.state === 'invited' && snapshot.appointment) return { rule: 'E7', at: snapshot.appointment.attendBy };
  if (snapshot.state === 'security-checks' && snapshot.checks?.chaseBy && !snapshot.checks.escalated) return { rule: 'E7', at: snapshot.checks.chaseBy };
  if (snapshot.state === 'granted' && snapshot.grant) return { rule: 'E7', at: snapshot.grant.validUntil };
  return undefined;
}

/** What a caseworker sees. */
export function viewOf(snapshot: EoiSnapshot): EoiCaseView {
  const deadline = nextDeadlineOf(snapshot);
  return {
    eoiId: snapshot.eoiId,
    pilotId: snapshot.pilotId,
    state: snapshot.state,
    familySize: snapshot.people.length,
    ...(snapshot.submission ? { submittedAt: snapshot.submission.submittedAt } : {}),
    people: snapshot.people.map((person) => ({ ...person })),
    ...(snapshot.places?.releasedAt ? { placesReleasedAt: snapshot.places.releasedAt } : {}),
    ...(snapshot.appointment ? { appointmentReference: snapshot.appointment.reference } : {}),
    ...(snapshot.checks ? { checkReference: snapshot.checks.reference } : {}),
    escalated: checksEscalated(snapshot),
    ...(snapshot.grant ? { grant: { ...snapshot.grant } } : {}),
    ...(deadline ? { nextDeadline: deadline } : {}),
    ...(snapshot.outcome ? { outcomeReason: snapshot.outcome.reason } : {}),
    timeline: [...snapshot.timeline],
  };
}

/** The result of a finished case. */
export function resultOf(snapshot: EoiSnapshot): EoiCaseResult {
  const outcome = snapshot.outcome ?? { outcome: 'withdrawn' as const, reason: 'the case ended without an outcome' };
  return { eoiId: snapshot.eoiId, outcome: outcome.outcome, reason: outcome.reason, admitted: snapshot.people.filter((person) => person.arrivedAt).length };
}
