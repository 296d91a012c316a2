import type { RequestPlacesInput, RequestPlacesResult } from '@oioo/domain';

/** E2: ask each adult to confirm their location in France; the deadline is `confirmWithinMs` from when they are asked. */
export interface RequestPresenceInput {
  eoiId: string;
  personIds: string[];
  confirmWithinMs: number;
  /** Workflow ID and step: a retried activity never asks twice. */
  idempotencyKey: string;
}

/** When the adults were asked and by when they must answer. */
export interface RequestPresenceResult {
  askedAt: string;
  confirmBy: string;
}

/** E7: book everyone in the EOI into the visa application centre. */
export interface BookAppointmentInput {
  eoiId: string;
  personIds: string[];
  idempotencyKey: string;
}

/** The appointment booked. */
export interface BookAppointmentResult {
  appointmentReference: string;
  centre: string;
  at: string;
}

/** E4: match a person's enrolled biometrics against the registers of returns and of irregular entries. */
export interface CheckRegistersInput {
  eoiId: string;
  personId: string;
  enrolmentReference: string;
}

/** Whether the biometrics match a return under the scheme (R11) or a recorded irregular entry (E4). */
export interface CheckRegistersResult {
  returned: boolean;
  irregularEntry: boolean;
  checkedAt: string;
}

/** E7: ask the security services to check the people in the EOI. */
export interface RequestSecurityChecksInput {
  eoiId: string;
  personIds: string[];
  idempotencyKey: string;
}

/** The request's reference, which each result names. */
export interface RequestSecurityChecksResult {
  checkReference: string;
  requestedAt: string;
}

/** E7: book the journey of the people granted entry clearance, departing no earlier than `notBefore`. */
export interface BookTravelInput {
  eoiId: string;
  personIds: string[];
  notBefore: string;
  idempotencyKey: string;
}

/** The journey booked. */
export interface BookTravelResult {
  travelReference: string;
  departsAt: string;
  arrivalPort: string;
}

/** E6: the EOI's request for places, made on the pilot's ledger through its Update (never a shared counter, Q2). */
export interface RequestPlacesActivityInput {
  pilotId: string;
  request: RequestPlacesInput;
}

/** Q1, E8: an arrival counted on the pilot's ledger. */
export interface RecordAdmissionInput {
  pilotId: string;
  commandId: string;
  eoiId: string;
  personId: string;
  arrivedAt: string;
}

/**
 * What the EOI workflow asks of the services and of the ledger. Implementations call the identity,
 * legal-review and transport services over HTTP and the ledger through the Temporal client; the workflow
 * sees only this interface.
 */
export interface EoiActivities {
  requestPresenceConfirmation(input: RequestPresenceInput): Promise<RequestPresenceResult>;
  requestPlaces(input: RequestPlacesActivityInput): Promise<RequestPlacesResult>;
  bookBiometricsAppointment(input: BookAppointmentInput): Promise<BookAppointmentResult>;
  checkRegisters(input: CheckRegistersInput): Promise<CheckRegistersResult>;
  requestSecurityChecks(input: RequestSecurityChecksInput): Promise<RequestSecurityChecksResult>;
  bookTravel(input: BookTravelInput): Promise<BookTravelResult>;
  recordAdmission(input: RecordAdmissionInput): Promise<void>;
}
