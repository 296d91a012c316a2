import { type PendingMatter, assessTransferBars } from '@oioo/domain';
import { type CaseSnapshot, close, isBeforeTransfer, isClosed, moveTo, record } from './case-state';
import type { ArrivalRecordLinkedInput, LegalHoldPlacedInput, LegalHoldReleasedInput } from './definitions';
import type { BookMovementResult, SendReadmissionRequestResult } from './readmission.activities';

/** Timeline entries of second records linked to the case. */
const RECORD_LINKED = 'duplicate-record-linked';

/**
 * R11 (one person, one case): identity found a second Border Force record of this case's person and
 * linked it here. Noted once per event, however often identity sends it; the case itself is unchanged.
 */
export function linkArrivalRecord(snapshot: CaseSnapshot, input: ArrivalRecordLinkedInput, now: Date): void {
  const evidence = `event:${input.eventId}`;
  if (snapshot.timeline.some((entry) => entry.what === RECORD_LINKED && entry.evidence.includes(evidence))) return;
  record(snapshot, now, RECORD_LINKED, 'system:uk-identity', `a second Border Force record of this person (biometric match ${input.matchScore.toFixed(2)}) is linked to this case and opens no case of its own`, [
    `record:${input.recordCaseId}`,
    evidence,
  ]);
}

/** R7: a lodged challenge puts the case on hold from any pre-transfer state; deadlines keep running. */
export function placeHold(snapshot: CaseSnapshot, input: LegalHoldPlacedInput, now: Date): void {
  const by = 'system:uk-legal-review';
  if (isClosed(snapshot) || !isBeforeTransfer(snapshot)) {
    record(snapshot, now, 'hold-not-applied', by, `${input.kind} ${input.reference} lodged after the transfer began (${snapshot.state})`);
    return;
  }
  if (snapshot.holds.some((hold) => hold.reference === input.reference)) return;
  snapshot.holds.push({ reference: input.reference, kind: input.kind, placedAt: input.lodgedAt });
  record(snapshot, now, 'hold-placed', by, `R7: ${input.kind} lodged; the case stops where it is (${snapshot.state}) and deadlines keep running`, [`challenge:${input.reference}`]);
}

/** R7: a decided challenge releases its hold (the case resumes where it was), or, upheld, sends the case to the domestic process. */
export function releaseHold(snapshot: CaseSnapshot, input: LegalHoldReleasedInput, now: Date): void {
  const by = 'system:uk-legal-review';
  const hold = snapshot.holds.find((candidate) => candidate.reference === input.reference);
  if (isClosed(snapshot) || !hold) {
    record(snapshot, now, 'release-ignored', by, `no hold ${input.reference} is in force`);
    return;
  }
  if (input.outcome === 'upheld') {
    close(snapshot, 'claim-succeeded', now, by, `R7: ${hold.kind} ${hold.reference} succeeded; the case goes to the domestic process`);
    return;
  }
  snapshot.holds = snapshot.holds.filter((candidate) => candidate.reference !== input.reference);
  const resumes = snapshot.holds.length === 0 ? `the case resumes in state ${snapshot.state}` : `${snapshot.holds.length} hold(s) remain`;
  record(snapshot, now, 'hold-released', by, `R7: ${hold.kind} ${input.outcome}; ${resumes}`, [`challenge:${input.reference}`]);
}

/** The request reached France; R3 is met only if it arrived in time. */
export function requestSent(snapshot: CaseSnapshot, result: SendReadmissionRequestResult, now: Date): void {
  snapshot.requestsSent += 1;
  snapshot.request = { reference: result.requestReference, sentAt: result.sentAt, extended: false };
  snapshot.escalated = false;
  if (snapshot.requestDeadline && new Date(result.sentAt).getTime() > new Date(snapshot.requestDeadline).getTime()) {
    close(snapshot, 'out-of-time', now, 'workflow', 'R3: the readmission request reached France after the 14 days; the case goes to the domestic asylum process');
    return;
  }
  moveTo(snapshot, 'awaiting-reply', now, 'system:uk-legal-review', `readmission request ${snapshot.requestsSent} reached France (R12: identity, biometric reference and crossing evidence only)`, [
    `request:${result.requestReference}`,
  ]);
}

/** A seat is booked on a movement. */
export function movementBooked(snapshot: CaseSnapshot, booking: BookMovementResult, now: Date): void {
  snapshot.bookingsMade += 1;
  snapshot.movement = booking;
  moveTo(snapshot, 'movement-booked', now, 'system:uk-transport', `R9: seat on movement ${booking.movementId} departing ${booking.departsAt}`, [`movement:${booking.movementId}`]);
}

/** A booking was given back (hold or bar); the case waits for a new movement. */
export function bookingCancelled(snapshot: CaseSnapshot, reason: string, now: Date): void {
  const movementId = snapshot.movement?.movementId;
  snapshot.movement = undefined;
  moveTo(snapshot, 'awaiting-movement', now, 'workflow', `booking ${movementId} released: ${reason}`);
}

/** R5: the last-moment check. Any open matter becomes a hold, which stops the transfer until it is decided. */
export function transferBarsChecked(snapshot: CaseSnapshot, pending: readonly PendingMatter[], now: Date): void {
  const verdict = assessTransferBars(pending);
  if (verdict.clear) {
    moveTo(snapshot, 'cleared-for-transfer', now, 'system:uk-legal-review', 'R5: no pending claim, appeal, injunction or NRM decision at the moment of transfer');
    return;
  }
  record(snapshot, now, 'transfer-barred', 'system:uk-legal-review', verdict.reasons.join('; '));
  for (const matter of pending) placeHold(snapshot, { reference: matter.reference, kind: matter.kind, lodgedAt: now.toISOString() }, now);
}
