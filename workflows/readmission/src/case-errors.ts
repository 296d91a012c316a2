import { ApplicationFailure } from '@temporalio/common';

/** Why a step on a case was refused; the failure's `type`, so callers can branch on it. */
export enum CaseErrorCode {
  /** The input is missing a field or has a malformed one. */
  InvalidInput = 'INVALID_INPUT',
  /** The step does not apply to the state the case is in. */
  InvalidState = 'INVALID_STATE',
  /** S1: the approver is the person who proposed. */
  SamePersonApproval = 'SAME_PERSON_APPROVAL',
  /** R7: a legal hold stops the case from moving. */
  OnHold = 'ON_HOLD',
  /** The case has ended. */
  CaseClosed = 'CASE_CLOSED',
  /** A command id already used for a different step. */
  CommandIdReused = 'COMMAND_ID_REUSED',
  /** R10: a corrected request after R3's 14 days have run out. */
  CorrectionTooLate = 'CORRECTION_TOO_LATE',
}

/** Refuses a step with a code and a sentence a caseworker can read; never retried. */
export function reject(code: CaseErrorCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}
