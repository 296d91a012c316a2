/** Why the ledger refused a command; the workflow uses it as the failure's `type`, so callers can branch on it. */
export enum LedgerErrorCode {
  /** The input is missing a field or has a malformed one. */
  InvalidInput = 'INVALID_INPUT',
  /** A command id already used for a different step. */
  CommandIdReused = 'COMMAND_ID_REUSED',
  /** E6: places were already requested for this EOI (under another command id). */
  EoiAlreadyRequested = 'EOI_ALREADY_REQUESTED',
  /** E5, Q2: the EOI has more people than a week's cap, and a family is never split. */
  LargerThanWeeklyCap = 'LARGER_THAN_WEEKLY_CAP',
  /** The ledger holds no EOI with this id. */
  UnknownEoi = 'UNKNOWN_EOI',
  /** Q1, E8: an arrival with no grant outstanding for it (none released, lapsed, revoked, or everyone already arrived). */
  NoOutstandingGrant = 'NO_OUTSTANDING_GRANT',
  /** Q4: intake is already paused. */
  AlreadyPaused = 'ALREADY_PAUSED',
  /** Q4: intake is not paused. */
  NotPaused = 'NOT_PAUSED',
  /** Q4: resuming would only pause again: the imbalance is still past the auto-pause threshold. */
  ImbalanceAboveThreshold = 'IMBALANCE_ABOVE_THRESHOLD',
  /** Q5: notice of termination was already given. */
  NoticeAlreadyGiven = 'NOTICE_ALREADY_GIVEN',
  /** Q5: the notice has run out and the pilot has ended. */
  PilotEnded = 'PILOT_ENDED',
}

/** A refusal: a code and a sentence a caseworker can read (opaque ids only, never personal data, S3). */
export interface LedgerRefusal {
  code: LedgerErrorCode;
  message: string;
}

/** Thrown by the ledger's commands when they refuse; the workflow turns it into a non-retryable ApplicationFailure. */
export class LedgerRefusalError extends Error {
  readonly code: LedgerErrorCode;

  constructor(refusal: LedgerRefusal) {
    super(refusal.message);
    this.name = 'LedgerRefusalError';
    this.code = refusal.code;
  }
}

/** Refuses a command. */
export function refuseLedgerCommand(code: LedgerErrorCode, message: string): never {
  throw new LedgerRefusalError({ code, message });
}
