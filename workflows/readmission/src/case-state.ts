import {
  type ReadmissionPolicy,
  type RuleClockState,
  assessArrivalScope,
  earliestTransfer,
  handoverConfirmationDue,
  preTransferCheckAt,
  replyDeadline,
  requestDeadline,
  transferTarget,
} from '@oioo/domain';
import type {
  ArrivalFacts,
  ArrivalScreening,
  CaseDeadline,
  LegalHold,
  ReadmissionCaseResult,
  ReadmissionCaseState,
  ReadmissionCaseView,
  ReadmissionOutcome,
  StepResult,
  TimelineEntry,
} from './definitions';

/** A proposal waiting for a second person's approval (S1). */
export interface PendingProposal {
  kind: 'inadmissibility' | 'removal-directions';
  proposer: string;
  decision?: 'inadmissible' | 'admissible';
  reasons: string;
  evidence: string[];
}

/**
 * Everything a case knows, as plain data: the workflow keeps one, passes it through continue-as-new,
 * and every rule below is a pure function of it and the time, so it is unit-testable without Temporal.
 */
export interface CaseSnapshot extends RuleClockState {
  caseId: string;
  policy: ReadmissionPolicy;
  state: ReadmissionCaseState;
  arrival?: { eventId: string; data: ArrivalFacts; screening?: ArrivalScreening };
  holds: LegalHold[];
  reEntry: boolean;
  escalated: boolean;
  targetBreached: boolean;
  requestDeadline?: string;
  targetAt?: string;
  requestsSent: number;
  request?: { reference: string; sentAt: string; extended: boolean };
  proposal?: PendingProposal;
  directionsServedAt?: string;
  bookingsMade: number;
  movement?: { movementId: string; departsAt: string };
  handover?: { reference: string; confirmedAt: string };
  /** R9: France's handover confirmation has a deadline (set on cases begun after it was introduced, so older ones replay as they ran). */
  handoverWatched?: boolean;
  /**
   * R9: the same deadline runs from departure while the case is still cleared for transfer (no boarding
   * recorded): set on cases begun after it was introduced, so older ones replay as they ran.
   */
  departureWatched?: boolean;
  outcome?: { outcome: ReadmissionOutcome; reason: string };
  /** Results of caseworker and agency commands by command id, so a repeated command returns the first result. */
  commands: Record<string, { step: string; result: StepResult }>;
  timeline: TimelineEntry[];
}

/** States before the request reaches France, in which R3's deadline can still end the case. */
const BEFORE_REQUEST: readonly ReadmissionCaseState[] = [
  'screening',
  'age-assessment',
  'awaiting-selection',
  'awaiting-detention',
  'inadmissibility-review',
  'inadmissibility-approval',
  'request-pending',
];

/** States from which a legal hold can still stop the transfer (R7: any pre-transfer state). */
const BEFORE_TRANSFER: readonly ReadmissionCaseState[] = [
  'awaiting-arrival',
  ...BEFORE_REQUEST,
  'awaiting-reply',
  'refused-correctable',
  'removal-directions',
  'removal-directions-approval',
  'awaiting-movement',
  'movement-booked',
  'cleared-for-transfer',
];

/** A new case, before its arrival is recorded. */
export function openCase(caseId: string, policy: ReadmissionPolicy): CaseSnapshot {
  return {
    caseId,
    policy,
    state: 'awaiting-arrival',
    holds: [],
    reEntry: false,
    escalated: false,
    targetBreached: false,
    requestsSent: 0,
    bookingsMade: 0,
    commands: {},
    timeline: [],
  };
}

/** True once the case has reached an end state. */
export function isClosed(snapshot: CaseSnapshot): boolean {
  return snapshot.outcome !== undefined;
}

/** True while a hold can stop the case (R7). */
export function isBeforeTransfer(snapshot: CaseSnapshot): boolean {
  return BEFORE_TRANSFER.includes(snapshot.state);
}

/** True while R3's deadline can still end the case. */
export function isBeforeRequest(snapshot: CaseSnapshot): boolean {
  return BEFORE_REQUEST.includes(snapshot.state);
}

/** Appends to the timeline (S2: entries are never edited or removed). */
export function record(snapshot: CaseSnapshot, now: Date, what: string, by: string, why: string, evidence: string[] = []): void {
  snapshot.timeline.push({ at: now.toISOString(), what, by, why, evidence });
}

/** Moves the case to a state, recording why. */
export function moveTo(snapshot: CaseSnapshot, state: ReadmissionCaseState, now: Date, by: string, why: string, evidence: string[] = []): StepResult {
  snapshot.state = state;
  record(snapshot, now, `state:${state}`, by, why, evidence);
  return { state };
}

/** Ends the case with its outcome and reason. */
export function close(snapshot: CaseSnapshot, outcome: ReadmissionOutcome, now: Date, by: string, reason: string): StepResult {
  snapshot.outcome = { outcome, reason };
  snapshot.holds = [];
  return moveTo(snapshot, outcome, now, by, reason);
}

/** Records Border Force's arrival and identity's screening, then applies R1 (scope) and starts the R3 and R6 clocks. */
export function recordArrival(
  snapshot: CaseSnapshot,
  input: { eventId: string; arrival: ArrivalFacts; screening?: ArrivalScreening },
  now: Date,
): void {
  if (snapshot.arrival) {
    // Agencies resend events; the first arrival opens the case and later copies are only noted.
    record(snapshot, now, 'duplicate-arrival-ignored', 'system:uk-border-force', `event ${input.eventId} repeats the arrival already recorded`);
    return;
  }
  snapshot.arrival = { eventId: input.eventId, data: input.arrival, ...(input.screening ? { screening: input.screening } : {}) };
  const { arrival } = input;
  record(snapshot, now, 'arrival-recorded', 'system:uk-border-force', `small-boat arrival by route ${arrival.route}`, [
    `event:${input.eventId}`,
    ...arrival.crossingEvidence.map((item) => `${item.kind}:${item.reference}`),
  ]);
  if (input.screening?.reEntry) {
    snapshot.reEntry = true;
    record(snapshot, now, 'flagged-re-entry', 'system:uk-identity', 'R11: biometrics match a person returned under the scheme', [
      ...(input.screening.previousCaseId ? [`case:${input.screening.previousCaseId}`] : []),
      `enrolment:${input.screening.enrolmentReference}`,
    ]);
  }
  if (input.screening?.earlierCaseId) {
    record(snapshot, now, 'linked-earlier-case', 'system:uk-identity', 'biometrics match an earlier case of this person that ended without a return; this is a new crossing', [
      `case:${input.screening.earlierCaseId}`,
      `enrolment:${input.screening.enrolmentReference}`,
    ]);
  }
  const scope = assessArrivalScope({ departedFrom: arrival.departedFrom, crossingEvidenceCount: arrival.crossingEvidence.length });
  if (!scope.inScope) {
    close(snapshot, 'excluded', now, 'workflow', scope.reason);
    return;
  }
  const arrivedAt = new Date(arrival.arrivedAt);
  snapshot.requestDeadline = requestDeadline(arrivedAt, snapshot.policy.timeCompression).toISOString();
  snapshot.targetAt = transferTarget(arrivedAt, snapshot.policy).toISOString();
  moveTo(snapshot, 'screening', now, 'workflow', 'R1: in scope; R3: the request to France is due within 14 days of arrival');
}

/** The reply deadline of the current request (R4), if one is running. */
export function currentReplyDeadline(snapshot: CaseSnapshot): Date | undefined {
  if (!snapshot.request) return undefined;
  return replyDeadline(new Date(snapshot.request.sentAt), snapshot.policy, snapshot.request.extended);
}

/**
 * Applies the deadlines that have passed: R3 ends a case whose request has not reached France, R4
 * escalates France's silence to the liaison desk (policy: escalation, not exit), R6 raises an alert.
 */
export function applyClock(snapshot: CaseSnapshot, now: Date): void {
  if (isClosed(snapshot)) return;
  const due = (at: string | Date | undefined) => at !== undefined && now.getTime() >= new Date(at).getTime();
  if (due(snapshot.targetAt) && !snapshot.targetBreached) {
    snapshot.targetBreached = true;
    record(snapshot, now, 'target-breached', 'workflow', 'R6: three months since arrival without transfer; reported, the case goes on');
  }
  if (isBeforeRequest(snapshot) && due(snapshot.requestDeadline)) {
    close(snapshot, 'out-of-time', now, 'workflow', 'R3: no readmission request reached France within 14 days of arrival; the case goes to the domestic asylum process');
    return;
  }
  if (snapshot.state === 'refused-correctable' && due(snapshot.requestDeadline)) {
    close(snapshot, 'refused-by-france', now, 'workflow', 'R10: France refused and R3 ran out before a corrected request was sent');
    return;
  }
  if (snapshot.state === 'awaiting-reply' && !snapshot.escalated && due(currentReplyDeadline(snapshot))) {
    snapshot.escalated = true;
    record(snapshot, now, 'escalated-to-liaison-desk', 'workflow', 'R4: France did not reply by its deadline; silence is never acceptance');
  }
  if (!snapshot.escalated && due(handoverDue(snapshot))) {
    snapshot.escalated = true;
    const why =
      snapshot.state === 'in-transit'
        ? 'R9: France has not confirmed the handover in time after the movement left; the liaison desk chases the confirmation'
        : 'R9: the movement left with neither boarding nor a no-show recorded for this person; the liaison desk finds out what happened';
    record(snapshot, now, 'escalated-to-liaison-desk', 'workflow', why);
  }
}

/**
 * R9: when France's handover confirmation becomes overdue (watched cases only): while the person is in transit
 * without one, or still cleared for transfer after the movement left, with no boarding or no-show recorded.
 */
function handoverDue(snapshot: CaseSnapshot): Date | undefined {
  if (!snapshot.handoverWatched || snapshot.handover || !snapshot.movement) return undefined;
  if (snapshot.state !== 'in-transit' && !(snapshot.state === 'cleared-for-transfer' && snapshot.departureWatched)) return undefined;
  return handoverConfirmationDue(new Date(snapshot.movement.departsAt), snapshot.policy);
}

/** The next thing the workflow must do for the case, or how long it may wait for news. */
export type NextAction =
  | { kind: 'send-request' }
  | { kind: 'book-movement'; notBefore: Date }
  | { kind: 'cancel-booking'; reason: string }
  | { kind: 'check-transfer-bars' }
  | { kind: 'register-return' }
  | { kind: 'wait'; until?: Date };

/** Decides the next step from the snapshot alone (deterministic: the same snapshot and time give the same answer). */
export function nextAction(snapshot: CaseSnapshot, now: Date): NextAction {
  if (isClosed(snapshot)) return { kind: 'wait' };
  const booked = snapshot.state === 'movement-booked' || snapshot.state === 'cleared-for-transfer';
  if (snapshot.holds.length > 0) {
    // R7: a hold stops the move to transfer; a seat already booked is given back.
    if (booked) return { kind: 'cancel-booking', reason: `R7: legal hold ${snapshot.holds.map((hold) => hold.reference).join(', ')}` };
    return { kind: 'wait', ...optionalUntil(nextWake(snapshot)) };
  }
  switch (snapshot.state) {
    case 'request-pending':
      return { kind: 'send-request' };
    case 'awaiting-movement': {
      const notice = earliestTransfer(new Date(snapshot.directionsServedAt ?? now.toISOString()), snapshot.policy);
      return { kind: 'book-movement', notBefore: notice.getTime() > now.getTime() ? notice : now };
    }
    case 'movement-booked': {
      const checkAt = preTransferCheckAt(new Date(snapshot.movement?.departsAt ?? now.toISOString()), snapshot.policy);
      if (now.getTime() >= checkAt.getTime()) return { kind: 'check-transfer-bars' };
      return { kind: 'wait', until: earliest([checkAt, nextWake(snapshot)]) };
    }
    case 'in-transit':
      if (snapshot.handover) return { kind: 'register-return' };
      return { kind: 'wait', ...optionalUntil(nextWake(snapshot)) };
    default:
      return { kind: 'wait', ...optionalUntil(nextWake(snapshot)) };
  }
}

function optionalUntil(until: Date | undefined): { until?: Date } {
  return until ? { until } : {};
}

function earliest(dates: (Date | undefined)[]): Date | undefined {
  const present = dates.filter((date): date is Date => date !== undefined);
  if (present.length === 0) return undefined;
  return new Date(Math.min(...present.map((date) => date.getTime())));
}

/** The deadlines still ahead of the case, each with its rule. */
export function pendingDeadlines(snapshot: CaseSnapshot): CaseDeadline[] {
  if (isClosed(snapshot)) return [];
  const deadlines: CaseDeadline[] = [];
  if ((isBeforeRequest(snapshot) || snapshot.state === 'refused-correctable') && snapshot.requestDeadline) {
    deadlines.push({ rule: 'R3', at: snapshot.requestDeadline });
  }
  const reply = currentReplyDeadline(snapshot);
  if (snapshot.state === 'awaiting-reply' && !snapshot.escalated && reply) deadlines.push({ rule: 'R4', at: reply.toISOString() });
  if (snapshot.state === 'movement-booked' && snapshot.movement) {
    deadlines.push({ rule: 'R5', at: preTransferCheckAt(new Date(snapshot.movement.departsAt), snapshot.policy).toISOString() });
  }
  if (!snapshot.targetBreached && snapshot.targetAt && snapshot.state !== 'in-transit') deadlines.push({ rule: 'R6', at: snapshot.targetAt });
  const handover = handoverDue(snapshot);
  if (handover && !snapshot.escalated) deadlines.push({ rule: 'R9', at: handover.toISOString() });
  return deadlines.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

/** When the workflow must wake up even if nothing happens: the earliest pending deadline. */
function nextWake(snapshot: CaseSnapshot): Date | undefined {
  const [first] = pendingDeadlines(snapshot);
  return first ? new Date(first.at) : undefined;
}

/** What a query shows of the case. */
export function viewOf(snapshot: CaseSnapshot): ReadmissionCaseView {
  const reply = currentReplyDeadline(snapshot);
  const [nextDeadline] = pendingDeadlines(snapshot);
  return {
    caseId: snapshot.caseId,
    state: snapshot.state,
    onHold: snapshot.holds.length > 0,
    holds: snapshot.holds,
    reEntry: snapshot.reEntry,
    escalated: snapshot.escalated,
    targetBreached: snapshot.targetBreached,
    ...(snapshot.arrival ? { arrivedAt: snapshot.arrival.data.arrivedAt } : {}),
    ...(snapshot.requestDeadline ? { requestDeadline: snapshot.requestDeadline } : {}),
    ...(reply && snapshot.state === 'awaiting-reply' ? { replyDeadline: reply.toISOString() } : {}),
    ...(snapshot.movement ? { movement: snapshot.movement } : {}),
    ...(nextDeadline ? { nextDeadline } : {}),
    ...(snapshot.outcome ? { outcomeReason: snapshot.outcome.reason } : {}),
    timeline: snapshot.timeline,
  };
}

/** The workflow's result once the case has ended. */
export function resultOf(snapshot: CaseSnapshot): ReadmissionCaseResult {
  if (!snapshot.outcome) throw new Error('the case has not ended');
  return { caseId: snapshot.caseId, outcome: snapshot.outcome.outcome, reason: snapshot.outcome.reason };
}
