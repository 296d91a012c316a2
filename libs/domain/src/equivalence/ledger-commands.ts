import { isOpaqueId } from '@oioo/contracts/workflow';
import { LedgerErrorCode, refuseLedgerCommand } from './ledger-errors';
import { releasePlaces, terminationDate } from './ledger-release';
import {
  type AdmissionRecordedInput,
  type AdmissionRecordedResult,
  type ClosedLedgerEoi,
  type IntakeDecisionInput,
  type IntakeDecisionResult,
  type LedgerCommandRecord,
  type LedgerCommandResults,
  type LedgerEoi,
  type LedgerState,
  type LedgerStep,
  type NoticeOfTerminationInput,
  type NoticeOfTerminationResult,
  type PlacesRelease,
  type RequestPlacesInput,
  type RequestPlacesResult,
  archiveClosedEoi,
  closeWeekFigures,
  closedEoiOf,
  imbalanceOf,
  outstandingOf,
  weekTallyAt,
} from './ledger-state';

/*
 * The ledger's refusable commands. Each has a `check…` that throws a LedgerRefusalError (the workflow's
 * update validator calls it, so a refused command leaves no trace in history) and the command itself,
 * which checks again, then applies. A repeated command id returns the first result and changes nothing.
 */

function requireObject(input: unknown, step: LedgerStep): asserts input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null) refuseLedgerCommand(LedgerErrorCode.InvalidInput, `${step} needs an input object`);
}

function requireText(value: unknown, field: string, max = 2000): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    refuseLedgerCommand(LedgerErrorCode.InvalidInput, `${field} must be a non-empty text of at most ${max} characters`);
  }
}

function requireInstant(value: unknown, field: string): void {
  if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) refuseLedgerCommand(LedgerErrorCode.InvalidInput, `${field} must be an ISO-8601 date and time`);
}

function requireOpaqueId(value: unknown, field: string, prefix: string): void {
  if (typeof value !== 'string' || !isOpaqueId(value) || !value.startsWith(`${prefix}_`)) {
    refuseLedgerCommand(LedgerErrorCode.InvalidInput, `${field} must be an opaque id such as ${prefix}_01J9ZQ4X7K3M`);
  }
}

/** Shape of the command id, then a repeat of a known one: a repeat is always accepted (before any other check), so a retry succeeds. */
function isRepeat(ledger: LedgerState, step: LedgerStep, input: unknown): boolean {
  requireObject(input, step);
  requireText(input['commandId'], 'commandId', 128);
  const known = ledger.commands[input['commandId'] as string];
  if (!known) return false;
  if (known.step !== step) refuseLedgerCommand(LedgerErrorCode.CommandIdReused, `command id ${String(input['commandId'])} was already used for ${known.step}`);
  return true;
}

/** The first result of a command id already carried out for this step. */
function remembered<Step extends LedgerStep>(ledger: LedgerState, step: Step, commandId: string): LedgerCommandResults[Step] | undefined {
  const known = ledger.commands[commandId];
  return known?.step === step ? (known.result as LedgerCommandResults[Step]) : undefined;
}

function remember<Step extends LedgerStep>(ledger: LedgerState, step: Step, commandId: string, result: LedgerCommandResults[Step], now: Date, eoiId?: string): LedgerCommandResults[Step] {
  ledger.commands[commandId] = { step, result, ...(eoiId === undefined ? {} : { eoiId }) } as LedgerCommandRecord;
  closeWeekFigures(ledger, now);
  return result;
}

function requirePilotRunning(ledger: LedgerState): void {
  if (ledger.mode === 'ended') refuseLedgerCommand(LedgerErrorCode.PilotEnded, `Q5: the pilot ended at ${ledger.reconciliation?.endsAt}`);
}

/** Checks a request for places (E5, E6). */
export function checkRequestPlaces(ledger: LedgerState, input: RequestPlacesInput, _now: Date): void {
  if (isRepeat(ledger, 'requestPlaces', input)) return;
  requireOpaqueId(input.eoiId, 'eoiId', 'eoi');
  if (!Number.isInteger(input.people) || input.people < 1) refuseLedgerCommand(LedgerErrorCode.InvalidInput, 'people must be a whole number, 1 or more');
  requireInstant(input.submittedAt, 'submittedAt');
  if (!Array.isArray(input.nationalities) || input.nationalities.length === 0 || input.nationalities.some((code) => typeof code !== 'string' || !/^[A-Za-z]{3}$/.test(code))) {
    refuseLedgerCommand(LedgerErrorCode.InvalidInput, 'nationalities must list the ISO 3166-1 alpha-3 code of each nationality in the EOI');
  }
  if (typeof input.ukLinkWithin5Years !== 'boolean') refuseLedgerCommand(LedgerErrorCode.InvalidInput, 'ukLinkWithin5Years must be true or false');
  if (ledger.eois[input.eoiId] || closedEoiOf(ledger, input.eoiId)) refuseLedgerCommand(LedgerErrorCode.EoiAlreadyRequested, `E6: places were already requested for ${input.eoiId}`);
  requirePilotRunning(ledger);
  if (input.people > ledger.policy.weeklyCap) {
    refuseLedgerCommand(LedgerErrorCode.LargerThanWeeklyCap, `E5, Q2: an EOI of ${input.people} people can never fit a week's cap of ${ledger.policy.weeklyCap}, and a family is not split`);
  }
}

/** What a request for places did: its result, and the releases the attempt that followed made (this EOI's or others'). */
export interface RequestPlacesOutcome {
  result: RequestPlacesResult;
  releases: PlacesRelease[];
}

/**
 * E6: the EOI is held until the ledger releases its places; E5: a family takes as many places as it has
 * people. A release is attempted at once, so the caller learns whether the places went straight away.
 */
export function requestPlaces(ledger: LedgerState, input: RequestPlacesInput, now: Date): RequestPlacesOutcome {
  checkRequestPlaces(ledger, input, now);
  const known = remembered(ledger, 'requestPlaces', input.commandId);
  if (known) return { result: known, releases: [] };
  const listed = ledger.policy.priority.nationalities;
  const eoi: LedgerEoi = {
    eoiId: input.eoiId,
    people: input.people,
    submittedAt: new Date(input.submittedAt).toISOString(),
    sequence: ledger.nextSequence,
    heldAt: now.toISOString(),
    priority: {
      listedNationality: input.nationalities.some((code) => listed.includes(code.toUpperCase())),
      ukLink: input.ukLinkWithin5Years,
    },
    status: 'held',
    admitted: [],
    returned: 0,
  };
  ledger.nextSequence += 1;
  ledger.eois[eoi.eoiId] = eoi;
  ledger.totals.eoisHeld += 1;
  ledger.totals.placesHeld += eoi.people;
  weekTallyAt(ledger, now);
  const releases = releasePlaces(ledger, now);
  const result: RequestPlacesResult = { status: eoi.status === 'held' ? 'held' : 'released', places: eoi.people };
  return { result: remember(ledger, 'requestPlaces', input.commandId, result, now, eoi.eoiId), releases };
}

/** Checks an arrival (Q1, E8). */
export function checkAdmissionRecorded(ledger: LedgerState, input: AdmissionRecordedInput, _now: Date): void {
  if (isRepeat(ledger, 'admissionRecorded', input)) return;
  requireOpaqueId(input.eoiId, 'eoiId', 'eoi');
  requireOpaqueId(input.personId, 'personId', 'per');
  requireInstant(input.arrivedAt, 'arrivedAt');
  const eoi: LedgerEoi | ClosedLedgerEoi | undefined = ledger.eois[input.eoiId] ?? closedEoiOf(ledger, input.eoiId);
  if (!eoi) refuseLedgerCommand(LedgerErrorCode.UnknownEoi, `the ledger holds no EOI ${input.eoiId}`);
  // The same person reported twice (a redelivered event) is accepted and counted once.
  if (eoi.admitted.includes(input.personId)) return;
  if ('status' in eoi && outstandingOf(eoi) > 0) return;
  const why =
    'status' in eoi && eoi.status === 'held'
      ? 'its places have not been released'
      : eoi.closedBy === 'all-admitted'
        ? `all ${eoi.people} people it was granted for have already arrived`
        : `its grant ${eoi.closedBy === 'withdrawn' ? 'was never issued' : `was ${eoi.closedBy}`}`;
  refuseLedgerCommand(LedgerErrorCode.NoOutstandingGrant, `Q1, E8: an arrival under ${input.eoiId} cannot count: ${why}`);
}

/** Q1, E8: an admission counts when the person arrives, and turns one outstanding place into an admission. */
export function admissionRecorded(ledger: LedgerState, input: AdmissionRecordedInput, now: Date): AdmissionRecordedResult {
  checkAdmissionRecorded(ledger, input, now);
  const known = remembered(ledger, 'admissionRecorded', input.commandId);
  if (known) return known;
  const eoi = ledger.eois[input.eoiId];
  // Only an arrival already counted gets past the check for a closed EOI: nothing changes, nothing is remembered.
  if (!eoi) return { eoiId: input.eoiId, admitted: closedEoiOf(ledger, input.eoiId)?.admitted.length ?? 0, outstanding: 0 };
  if (!eoi.admitted.includes(input.personId)) {
    eoi.admitted.push(input.personId);
    ledger.totals.admissions += 1;
    ledger.totals.grantsOutstanding -= 1;
    weekTallyAt(ledger, now).admissions += 1;
    if (outstandingOf(eoi) === 0) {
      eoi.status = 'closed';
      eoi.closedBy = 'all-admitted';
      eoi.closedAt = now.toISOString();
    }
  }
  const result = remember(ledger, 'admissionRecorded', input.commandId, { eoiId: eoi.eoiId, admitted: eoi.admitted.length, outstanding: outstandingOf(eoi) }, now, eoi.eoiId);
  archiveClosedEoi(ledger, eoi);
  return result;
}

function checkDecision(ledger: LedgerState, step: 'pause' | 'resume' | 'noticeOfTermination', input: IntakeDecisionInput): boolean {
  if (isRepeat(ledger, step, input)) return true;
  requireOpaqueId(input.actor, 'actor', 'cw');
  requireText(input.reason, 'reason');
  return false;
}

/** Checks a pause (Q4). */
export function checkPauseIntake(ledger: LedgerState, input: IntakeDecisionInput, _now: Date): void {
  if (checkDecision(ledger, 'pause', input)) return;
  requirePilotRunning(ledger);
  if (ledger.pause) {
    refuseLedgerCommand(LedgerErrorCode.AlreadyPaused, `Q4: intake is already paused (${ledger.pause.automatic ? 'automatically' : `by ${ledger.pause.by}`} at ${ledger.pause.at})`);
  }
}

/** Q4: an authorised person pauses intake: no place is released until someone resumes it. */
export function pauseIntake(ledger: LedgerState, input: IntakeDecisionInput, now: Date): IntakeDecisionResult {
  checkPauseIntake(ledger, input, now);
  const known = remembered(ledger, 'pause', input.commandId);
  if (known) return known;
  ledger.pause = { by: input.actor, reason: input.reason, at: now.toISOString(), automatic: false };
  ledger.decisions.push({ at: now.toISOString(), what: 'paused', by: input.actor, why: `Q4: ${input.reason}` });
  return remember(ledger, 'pause', input.commandId, { paused: true }, now);
}

/** Checks a resumption (Q4). */
export function checkResumeIntake(ledger: LedgerState, input: IntakeDecisionInput, _now: Date): void {
  if (checkDecision(ledger, 'resume', input)) return;
  requirePilotRunning(ledger);
  if (!ledger.pause) refuseLedgerCommand(LedgerErrorCode.NotPaused, 'Q4: intake is not paused');
  const threshold = ledger.policy.autoPauseImbalance;
  if (threshold !== undefined && imbalanceOf(ledger) > threshold) {
    refuseLedgerCommand(
      LedgerErrorCode.ImbalanceAboveThreshold,
      `Q4: the imbalance of ${imbalanceOf(ledger)} places is still past the auto-pause threshold of ${threshold}; intake would pause again at once`,
    );
  }
}

/** Q4: an authorised person resumes intake; held EOIs get places at the next release. */
export function resumeIntake(ledger: LedgerState, input: IntakeDecisionInput, now: Date): IntakeDecisionResult {
  checkResumeIntake(ledger, input, now);
  const known = remembered(ledger, 'resume', input.commandId);
  if (known) return known;
  const paused = ledger.pause;
  ledger.pause = undefined;
  ledger.decisions.push({ at: now.toISOString(), what: 'resumed', by: input.actor, why: `Q4: ${input.reason} (paused ${paused?.at} by ${paused?.by})` });
  return remember(ledger, 'resume', input.commandId, { paused: false }, now);
}

/** Checks a notice of termination (Q5). */
export function checkNoticeOfTermination(ledger: LedgerState, input: NoticeOfTerminationInput, _now: Date): void {
  if (checkDecision(ledger, 'noticeOfTermination', input)) return;
  if (input.givenAt !== undefined) requireInstant(input.givenAt, 'givenAt');
  if (ledger.mode !== 'open') refuseLedgerCommand(LedgerErrorCode.NoticeAlreadyGiven, `Q5: notice of termination was already given at ${ledger.reconciliation?.givenAt}`);
}

/**
 * Q5: notice of termination switches the ledger to reconciliation: from now on no place is released
 * beyond the readmissions confirmed (the tolerance no longer applies), and when the month is over the
 * pilot ends with its final imbalance recorded. Readmissions France confirms during the month still count (Q1).
 */
export function noticeOfTermination(ledger: LedgerState, input: NoticeOfTerminationInput, now: Date): NoticeOfTerminationResult {
  checkNoticeOfTermination(ledger, input, now);
  const known = remembered(ledger, 'noticeOfTermination', input.commandId);
  if (known) return known;
  // Without a date, notice counts from the ledger's own now: its pilot clock, which the caller cannot read.
  const givenAt = input.givenAt === undefined ? now : new Date(input.givenAt);
  const endsAt = terminationDate(givenAt).toISOString();
  const imbalance = imbalanceOf(ledger);
  ledger.mode = 'reconciliation';
  ledger.reconciliation = {
    givenAt: givenAt.toISOString(),
    recordedAt: now.toISOString(),
    by: input.actor,
    reason: input.reason,
    endsAt,
    imbalanceAtNotice: imbalance,
  };
  ledger.decisions.push({ at: now.toISOString(), what: 'notice-of-termination', by: input.actor, why: `Q5: ${input.reason}; the pilot ends ${endsAt}` });
  return remember(ledger, 'noticeOfTermination', input.commandId, { endsAt, imbalance }, now);
}
