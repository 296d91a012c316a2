import {
  type FactOutcome,
  type LedgerState,
  type LedgerStep,
  admissionRecorded,
  checkAdmissionRecorded,
  checkNoticeOfTermination,
  checkPauseIntake,
  checkRequestPlaces,
  checkResumeIntake,
  noticeOfTermination,
  pauseIntake,
  requestPlaces,
  resumeIntake,
} from '@oioo/domain';
import type {
  AdmissionRecordedInput,
  AdmissionRecordedResult,
  IntakeDecisionInput,
  IntakeDecisionResult,
  NoticeOfTerminationInput,
  NoticeOfTerminationResult,
  RequestPlacesInput,
  RequestPlacesResult,
} from './definitions';
import { refusalsAsFailures } from './ledger-errors';
import { type LedgerSnapshot, queueReleases, settle } from './ledger-snapshot';

/**
 * One refusable command on the ledger. `check` refuses it (in the update's validator, so a refused
 * command leaves no trace in history); `run` carries it out. Both are the ledger's pure rules; a repeated
 * command id passes `check` and `run` returns the first result.
 */
export interface LedgerCommand<Input extends { commandId: string }, Result> {
  step: LedgerStep;
  check(ledger: LedgerState, input: Input, now: Date): void;
  run(snapshot: LedgerSnapshot, input: Input, now: Date): Result;
}

/** The update validator: the ledger's refusal becomes a typed, non-retryable failure. */
export function validateCommand<Input extends { commandId: string }, Result>(snapshot: LedgerSnapshot, command: LedgerCommand<Input, Result>, input: Input, now: Date): void {
  refusalsAsFailures(() => command.check(snapshot.ledger, input, now));
}

/**
 * The update handler: runs the command, then attempts a release, as after every change. Synchronous from
 * start to end, so the workflow carries out one command wholly before the next: two callers asking for the
 * last place are served one after the other, and the second finds it gone (Q2 under any concurrency).
 */
export function runCommand<Input extends { commandId: string }, Result>(snapshot: LedgerSnapshot, command: LedgerCommand<Input, Result>, input: Input, now: Date): Result {
  const result = refusalsAsFailures(() => command.run(snapshot, input, now));
  settle(snapshot, now);
  return result;
}

/** E5, E6: places for an EOI, held until they can be released; a release is attempted at once. */
export const requestPlacesCommand: LedgerCommand<RequestPlacesInput, RequestPlacesResult> = {
  step: 'requestPlaces',
  check: checkRequestPlaces,
  run(snapshot, input, now) {
    const { result, releases } = requestPlaces(snapshot.ledger, input, now);
    queueReleases(snapshot, releases);
    return result;
  },
};

/** Q1, E8: an arrival under a grant. */
export const admissionRecordedCommand: LedgerCommand<AdmissionRecordedInput, AdmissionRecordedResult> = {
  step: 'admissionRecorded',
  check: checkAdmissionRecorded,
  run: (snapshot, input, now) => admissionRecorded(snapshot.ledger, input, now),
};

/** Q4: pause by an authorised person. */
export const pauseCommand: LedgerCommand<IntakeDecisionInput, IntakeDecisionResult> = {
  step: 'pause',
  check: checkPauseIntake,
  run: (snapshot, input, now) => pauseIntake(snapshot.ledger, input, now),
};

/** Q4: resume by an authorised person. */
export const resumeCommand: LedgerCommand<IntakeDecisionInput, IntakeDecisionResult> = {
  step: 'resume',
  check: checkResumeIntake,
  run: (snapshot, input, now) => resumeIntake(snapshot.ledger, input, now),
};

/** Q5: notice of termination. */
export const noticeOfTerminationCommand: LedgerCommand<NoticeOfTerminationInput, NoticeOfTerminationResult> = {
  step: 'noticeOfTermination',
  check: checkNoticeOfTermination,
  run: (snapshot, input, now) => noticeOfTermination(snapshot.ledger, input, now),
};

/** An agency fact the ledger counts or notes (never refused: it arrives as a signal). */
export type LedgerFact<Input> = (ledger: LedgerState, input: Input, now: Date) => FactOutcome;

/** Applies a fact, then attempts a release, as after every change. */
export function applyFact<Input>(snapshot: LedgerSnapshot, fact: LedgerFact<Input>, input: Input, now: Date): FactOutcome {
  const outcome = fact(snapshot.ledger, input, now);
  settle(snapshot, now);
  return outcome;
}
