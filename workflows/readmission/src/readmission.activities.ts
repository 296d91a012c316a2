import type { PendingMatter } from '@oioo/domain';

/** The request to France (R12: identity, biometric reference and crossing evidence only, never asylum-claim content). */
export interface SendReadmissionRequestInput {
  caseId: string;
  personId: string;
  biometricReference: string;
  crossingEvidence: { kind: string; reference: string }[];
  arrivedAt: string;
  /** 1 for the first request, 2 for the first corrected one, ... */
  requestNumber: number;
  /** Workflow ID and step: a retried activity never sends a second request. */
  idempotencyKey: string;
}

/** France received the request at `sentAt`; `requestReference` ties France's reply to it. */
export interface SendReadmissionRequestResult {
  requestReference: string;
  sentAt: string;
}

/** A seat on the first movement departing at or after `notBefore` (R8 notice, R9 capacity). */
export interface BookMovementInput {
  caseId: string;
  personId: string;
  notBefore: string;
  bookingNumber: number;
  idempotencyKey: string;
}

/** The booked seat. */
export interface BookMovementResult {
  movementId: string;
  departsAt: string;
}

/** A booking to release (hold, bar or no-show). */
export interface CancelBookingInput {
  caseId: string;
  movementId: string;
  reason: string;
  idempotencyKey: string;
}

/** R5's current view of matters that bar the transfer, read from the legal-review service at the last moment. */
export interface CheckTransferBarsInput {
  caseId: string;
  personId: string;
}

/** The matters still open, if any. */
export interface CheckTransferBarsResult {
  pending: PendingMatter[];
  checkedAt: string;
}

/** R11: the readmitted person's biometrics enter the register of returns under the scheme. */
export interface RegisterReturnInput {
  caseId: string;
  personId: string;
  handoverReference: string;
  idempotencyKey: string;
}

/**
 * What the readmission workflow asks of the services. Implementations call the identity,
 * legal-review and transport services; the workflow sees only this interface.
 */
export interface ReadmissionActivities {
  sendReadmissionRequest(input: SendReadmissionRequestInput): Promise<SendReadmissionRequestResult>;
  bookMovement(input: BookMovementInput): Promise<BookMovementResult>;
  cancelBooking(input: CancelBookingInput): Promise<void>;
  checkTransferBars(input: CheckTransferBarsInput): Promise<CheckTransferBarsResult>;
  registerReturn(input: RegisterReturnInput): Promise<void>;
}
