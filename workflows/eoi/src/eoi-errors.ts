import { ApplicationFailure } from '@temporalio/common';

/** Why a step on an EOI case was refused; the failure's `type`, so callers (and the services' dead letters) can branch on it. */
export enum EoiErrorCode {
  /** The input is missing a field or has a malformed one. */
  InvalidInput = 'INVALID_INPUT',
  /** The step does not apply to the state the case is in. */
  InvalidState = 'INVALID_STATE',
  /** S1: the approver is the person who proposed. */
  SamePersonApproval = 'SAME_PERSON_APPROVAL',
  /** The case has ended. */
  CaseClosed = 'CASE_CLOSED',
  /** A command id already used for a different step. */
  CommandIdReused = 'COMMAND_ID_REUSED',
  /** E8: an arrival no grant of this EOI covers. */
  NoGrant = 'NO_GRANT',
  /** The person is not in this EOI. */
  UnknownPerson = 'UNKNOWN_PERSON',
}

/** Refuses a step with a code and a sentence a caseworker can read; never retried. */
export function reject(code: EoiErrorCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}
