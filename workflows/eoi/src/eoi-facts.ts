import { addDays, addMonths, eligibilityFailures, windowOpenAt } from '@oioo/domain';
import type {
  BiometricsCapturedSignalInput,
  EoiSubmittedSignalInput,
  PresenceConfirmedSignalInput,
  SecurityCheckCompletedSignalInput,
} from './definitions';
import type { BookAppointmentResult, BookTravelResult, CheckRegistersResult, RequestPresenceResult, RequestSecurityChecksResult } from './eoi.activities';
import { type EoiSnapshot, EOI_SYSTEM, attendanceDeadline, checksChaseDeadline, close, firstSight, isClosed, moveTo, peopleOf, record } from './eoi-state';

/*
 * Facts from agencies (signals) and from the case's own calls (activity results). Signals cannot be
 * refused, so a fact that does not fit the case (a repeat, a person not in the EOI, a late one) is noted
 * on the timeline and changes nothing.
 */

/** E1, E5: the submission opens the case; outside every window it is invalid at once. */
export function eoiSubmitted(snapshot: EoiSnapshot, signal: EoiSubmittedSignalInput, now: Date): void {
  if (!firstSight(snapshot, signal.eventId)) return;
  if (snapshot.submission) {
    record(snapshot, now, 'submission-ignored', 'eoi-portal', 'the EOI was already submitted; a second submission under the same EOI changes nothing', [`event:${signal.eventId}`]);
    return;
  }
  const submittedAt = new Date(signal.submittedAt);
  snapshot.submission = {
    eventId: signal.eventId,
    submittedAt: submittedAt.toISOString(),
    ...(signal.familyReference ? { familyReference: signal.familyReference } : {}),
    applicants: signal.applicants,
  };
  snapshot.people = peopleOf(signal.applicants, submittedAt, snapshot.policy);
  record(snapshot, now, 'submitted', 'eoi-portal', `an EOI for ${signal.applicants.length} ${signal.applicants.length === 1 ? 'person' : 'people'}`, [`event:${signal.eventId}`]);
  if (!windowOpenAt(snapshot.policy, submittedAt)) {
    close(snapshot, 'invalid', now, EOI_SYSTEM, `E1: submitted at ${submittedAt.toISOString()}, when no application window was open`);
    return;
  }
  moveTo(snapshot, 'awaiting-presence', now, EOI_SYSTEM, 'E1: submitted inside an open window; E2: every adult now confirms their presence in France');
}

/** E2: the adults were asked; they have until `confirmBy`. */
export function presenceRequested(snapshot: EoiSnapshot, result: RequestPresenceResult, now: Date): void {
  snapshot.presence = { askedAt: result.askedAt, confirmBy: result.confirmBy };
  record(snapshot, now, 'presence-requested', EOI_SYSTEM, `E2: ${snapshot.people.filter((person) => person.adult).length} adults asked to confirm by ${result.confirmBy}`);
}

/** E2: one adult's confirmation; outside France, or after the deadline, it does not count. */
export function presenceConfirmed(snapshot: EoiSnapshot, signal: PresenceConfirmedSignalInput, now: Date): void {
  if (!firstSight(snapshot, signal.eventId)) return;
  const person = snapshot.people.find((candidate) => candidate.personId === signal.personId);
  const evidence = [`event:${signal.eventId}`];
  if (!person || !person.adult) {
    record(snapshot, now, 'presence-ignored', 'eoi-portal', `${signal.personId} is not an adult in this EOI`, evidence);
    return;
  }
  if (snapshot.state !== 'awaiting-presence' || person.presenceConfirmedAt) {
    record(snapshot, now, 'presence-ignored', 'eoi-portal', `a confirmation from ${signal.personId} while the case is ${snapshot.state}`, evidence);
    return;
  }
  if (signal.country !== 'FRA') {
    close(snapshot, 'invalid', now, 'eoi-portal', `E2: ${signal.personId} confirmed a location outside France (${signal.country})`);
    return;
  }
  person.presenceConfirmedAt = new Date(signal.confirmedAt).toISOString();
  record(snapshot, now, 'presence-confirmed', 'eoi-portal', `E2: ${signal.personId} confirmed their presence in France`, evidence);
}

/** E6: the ledger's answer to the request for places. */
export function placesRequested(snapshot: EoiSnapshot, status: 'held' | 'released', now: Date): void {
  snapshot.places = { status, requestedAt: now.toISOString(), ...(status === 'released' ? { releasedAt: now.toISOString() } : {}) };
  if (status === 'released') {
    moveTo(snapshot, 'invited', now, 'equivalence-ledger', `E6: ${snapshot.people.length} places released at once; the applicants are invited to give biometrics (E7)`);
  } else {
    record(snapshot, now, 'places-held', 'equivalence-ledger', `E6: held until the ledger releases ${snapshot.people.length} places`);
  }
}

/** E6: the ledger released the places this EOI was held for. A repeat, or a release to a case that no longer waits, changes nothing here. */
export function placesReleased(snapshot: EoiSnapshot, releasedAt: string, now: Date): void {
  if (snapshot.state !== 'held' || snapshot.places?.status !== 'held') {
    record(snapshot, now, 'release-ignored', 'equivalence-ledger', `places released while the case is ${snapshot.state}`);
    return;
  }
  snapshot.places = { ...snapshot.places, status: 'released', releasedAt: new Date(releasedAt).toISOString() };
  moveTo(snapshot, 'invited', now, 'equivalence-ledger', 'E6: the ledger released the places; the applicants are invited to give biometrics (E7)');
}

/** E7: everyone is booked into the visa application centre. */
export function appointmentBooked(snapshot: EoiSnapshot, result: BookAppointmentResult, now: Date): void {
  const attendBy = attendanceDeadline(snapshot.policy, new Date(result.at)).toISOString();
  snapshot.appointment = { reference: result.appointmentReference, centre: result.centre, at: result.at, attendBy };
  record(snapshot, now, 'appointment-booked', EOI_SYSTEM, `E7: biometrics at ${result.centre} on ${result.at}; attend by ${attendBy}`, [`appointment:${result.appointmentReference}`]);
}

/** E7: a person's biometrics were captured and enrolled. */
export function biometricsCaptured(snapshot: EoiSnapshot, signal: BiometricsCapturedSignalInput, now: Date): void {
  if (!firstSight(snapshot, signal.eventId)) return;
  const person = snapshot.people.find((candidate) => candidate.personId === signal.personId);
  const evidence = [`event:${signal.eventId}`, `enrolment:${signal.enrolmentReference}`];
  if (!person || snapshot.state !== 'invited' || person.enrolmentReference) {
    record(snapshot, now, 'biometrics-ignored', 'visa-application-centre', `biometrics of ${signal.personId} while the case is ${snapshot.state}`, evidence);
    return;
  }
  person.enrolmentReference = signal.enrolmentReference;
  record(snapshot, now, 'biometrics-captured', 'visa-application-centre', `E7: biometrics of ${signal.personId} captured and enrolled`, evidence);
}

/** E4: a person's biometrics checked against the registers of returns and of irregular entries; any match refuses the EOI. */
export function registersChecked(snapshot: EoiSnapshot, personId: string, result: CheckRegistersResult, now: Date): void {
  const person = snapshot.people.find((candidate) => candidate.personId === personId);
  if (!person || isClosed(snapshot)) return;
  const match = result.returned || result.irregularEntry;
  person.registerCheck = match ? 'match' : 'clear';
  record(snapshot, now, 'registers-checked', 'identity', `E4: ${personId} ${match ? 'matches' : 'matches neither'} the register of returns or of irregular entries`);
  if (match) {
    const found = result.returned ? 'a return under the scheme (R11)' : 'a recorded irregular entry to the UK';
    // E5: a family is decided together, so one person's refusal refuses the EOI.
    close(snapshot, 'refused', now, EOI_SYSTEM, `E4: the biometrics of ${personId} match ${found}`);
  }
}

/**
 * E7: the security services were asked to check everyone. On a watched case the request gets its chase
 * deadline, and results that came before the request was recorded are applied now, in the order they came.
 */
export function checksRequested(snapshot: EoiSnapshot, result: RequestSecurityChecksResult, now: Date): void {
  const chaseBy = snapshot.checksWatched ? checksChaseDeadline(snapshot.policy, new Date(result.requestedAt)).toISOString() : undefined;
  snapshot.checks = { reference: result.checkReference, requestedAt: result.requestedAt, ...(chaseBy ? { chaseBy } : {}) };
  moveTo(snapshot, 'security-checks', now, EOI_SYSTEM, 'E4: nobody matches the registers; E7: security and suitability checks requested');
  const early = snapshot.earlyCheckResults ?? [];
  delete snapshot.earlyCheckResults;
  for (const signal of early) applySecurityResult(snapshot, signal, now);
}

/**
 * E7: one person's security and suitability checks; a refusal refuses the EOI (E5). The security services
 * answer the request's event, which can reach the case before the case has recorded its own call's answer
 * (a worker restarted in between): on a watched case such a result is kept until the request is recorded.
 */
export function securityCheckCompleted(snapshot: EoiSnapshot, signal: SecurityCheckCompletedSignalInput, now: Date): void {
  if (!firstSight(snapshot, signal.eventId)) return;
  const known = snapshot.people.some((candidate) => candidate.personId === signal.personId);
  if (snapshot.checksWatched && known && snapshot.state === 'invited' && !snapshot.checks) {
    snapshot.earlyCheckResults = [...(snapshot.earlyCheckResults ?? []), signal];
    record(snapshot, now, 'security-check-kept', 'security-services', `E7: a result for ${signal.personId} came before the request for checks was recorded; it is kept until then`, [`event:${signal.eventId}`, `security-check:${signal.checkReference}`]);
    return;
  }
  applySecurityResult(snapshot, signal, now);
}

function applySecurityResult(snapshot: EoiSnapshot, signal: SecurityCheckCompletedSignalInput, now: Date): void {
  const person = snapshot.people.find((candidate) => candidate.personId === signal.personId);
  const evidence = [`event:${signal.eventId}`, `security-check:${signal.checkReference}`];
  if (!person || snapshot.state !== 'security-checks' || snapshot.checks?.reference !== signal.checkReference || person.securityCheck) {
    record(snapshot, now, 'security-check-ignored', 'security-services', `a result for ${signal.personId} while the case is ${snapshot.state}`, evidence);
    return;
  }
  person.securityCheck = signal.outcome;
  record(snapshot, now, 'security-checked', 'security-services', `E7: ${signal.personId} ${signal.outcome === 'clear' ? 'cleared' : `refused on ${signal.ground ?? 'unstated'} grounds`}`, evidence);
  if (signal.outcome === 'refuse') {
    const rule = signal.ground === 'suitability' ? 'E3' : 'E7';
    close(snapshot, 'refused', now, 'security-services', `${rule}: ${signal.personId} was refused at the security and suitability checks (${signal.ground ?? 'unstated'})`);
  }
}

/** E7: the journey of the people granted entry clearance. */
export function travelBooked(snapshot: EoiSnapshot, result: BookTravelResult, now: Date): void {
  if (!snapshot.grant) return;
  snapshot.grant = { ...snapshot.grant, travelReference: result.travelReference, departsAt: result.departsAt };
  record(snapshot, now, 'travel-booked', 'transport', `E7: travel to ${result.arrivalPort} departing ${result.departsAt}`, [`travel:${result.travelReference}`]);
}

/** Q1: the ledger counted an arrival. */
export function admissionCounted(snapshot: EoiSnapshot, commandId: string, now: Date): void {
  const pending = snapshot.admissionsOutbox.find((admission) => admission.commandId === commandId);
  if (!pending) return;
  snapshot.admissionsOutbox = snapshot.admissionsOutbox.filter((admission) => admission.commandId !== commandId);
  record(snapshot, now, 'admission-counted', 'equivalence-ledger', `Q1: the arrival of ${pending.personId} counts as an admission`);
}

/**
 * The transitions that follow from what the case knows, applied after every change: E2's confirmations
 * complete, E3's validation, the end of a grant's validity (E7, Q6), everyone arrived (E8), and E2's and
 * E7's deadlines. Returns nothing; the loop then asks for the next action.
 */
export function advance(snapshot: EoiSnapshot, now: Date): void {
  if (isClosed(snapshot)) return;
  const adults = snapshot.people.filter((person) => person.adult);
  if (snapshot.state === 'awaiting-presence') {
    const waiting = adults.filter((person) => !person.presenceConfirmedAt);
    if (snapshot.presence && waiting.length > 0 && now.getTime() >= new Date(snapshot.presence.confirmBy).getTime()) {
      close(snapshot, 'invalid', now, EOI_SYSTEM, `E2: ${waiting.map((person) => person.personId).join(', ')} did not confirm their presence in France within ${snapshot.policy.presenceConfirmationHours} hours`);
      return;
    }
    if (waiting.length === 0 && (snapshot.presence || adults.length === 0)) validateEligibility(snapshot, now);
    return;
  }
  if (snapshot.state === 'invited' && snapshot.appointment) {
    const missing = snapshot.people.filter((person) => !person.enrolmentReference);
    if (missing.length > 0 && now.getTime() >= new Date(snapshot.appointment.attendBy).getTime()) {
      close(snapshot, 'withdrawn', now, EOI_SYSTEM, `E7: ${missing.map((person) => person.personId).join(', ')} gave no biometrics by ${snapshot.appointment.attendBy}; the places return to the ledger`);
    }
    return;
  }
  if (snapshot.state === 'security-checks' && snapshot.people.every((person) => person.securityCheck === 'clear')) {
    moveTo(snapshot, 'decision', now, EOI_SYSTEM, 'E7: everyone cleared the security and suitability checks; a decision is proposed and approved by two people (S1)');
    return;
  }
  const checks = snapshot.checks;
  if (snapshot.state === 'security-checks' && checks?.chaseBy && !checks.escalated && now.getTime() >= new Date(checks.chaseBy).getTime()) {
    checks.escalated = true;
    const waiting = snapshot.people.filter((person) => !person.securityCheck).map((person) => person.personId);
    record(snapshot, now, 'escalated-checks-overdue', EOI_SYSTEM, `E7 (policy): the security services have not answered for ${waiting.join(', ')} within ${snapshot.policy.securityChecksChaseDays} days of the request; a caseworker chases them`, [`security-check:${checks.reference}`]);
    return;
  }
  if (snapshot.state === 'granted' && snapshot.grant && snapshot.admissionsOutbox.length === 0) {
    const waiting = snapshot.people.filter((person) => !person.arrivedAt);
    if (waiting.length === 0) {
      close(snapshot, 'admitted', now, EOI_SYSTEM, `E8: all ${snapshot.people.length} arrived in the UK and are handed to the domestic asylum process`);
    } else if (now.getTime() >= new Date(snapshot.grant.validUntil).getTime()) {
      const arrived = snapshot.people.length - waiting.length;
      close(snapshot, 'lapsed', now, EOI_SYSTEM, `E7, Q6: the grant expired on ${snapshot.grant.validUntil} with ${waiting.length} of ${snapshot.people.length} unused (${arrived} arrived); their places return to the ledger`);
    }
  }
}

/** E3, E5: eligibility on the facts submitted; a family is decided together. */
function validateEligibility(snapshot: EoiSnapshot, now: Date): void {
  const submission = snapshot.submission;
  if (!submission) return;
  const failures = eligibilityFailures(submission.applicants, new Date(submission.submittedAt), snapshot.policy.adultAge);
  if (failures.length > 0) {
    close(snapshot, 'ineligible', now, EOI_SYSTEM, failures.map((failure) => `${failure.reason} (${failure.personId})`).join('; '));
    return;
  }
  moveTo(snapshot, 'held', now, EOI_SYSTEM, `E2: every adult confirmed; E3: eligible; E6: ${snapshot.people.length} places asked of the ledger`);
}

/** E7: the grant, valid for the policy's months from now. */
export function grantIssued(snapshot: EoiSnapshot, now: Date, by: string, why: string): void {
  const validUntil = addMonths(now, snapshot.policy.grantValidityMonths, snapshot.policy.timeCompression);
  snapshot.grant = { grantedAt: now.toISOString(), validUntil: validUntil.toISOString() };
  moveTo(snapshot, 'granted', now, by, `${why}; entry clearance valid until ${validUntil.toISOString()} (E7)`);
}

/** E7: the earliest a granted family's journey may leave. */
export function travelNotBefore(snapshot: EoiSnapshot, now: Date): Date {
  return addDays(now, snapshot.policy.travelNoticeDays, snapshot.policy.timeCompression);
}
