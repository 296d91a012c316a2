import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ArrivalRecordedData, FranceRefusalGround, LegalChallengeKind } from '@oioo/contracts';
import type { AgeOutcome, ReadmissionPolicy } from '@oioo/domain';
import type { CaseSnapshot } from './case-state';

/** Input of a readmission case workflow: the opaque case id, the policy it runs under, and state carried over by continue-as-new. */
export interface ReadmissionCaseInput {
  caseId: string;
  /** Overrides of the policy defaults (RULES.md); copied into the case when it opens. */
  policy?: Partial<ReadmissionPolicy>;
  /** Set only by continue-as-new: the case as it stood. */
  carried?: CaseSnapshot;
  /** History length after which the case continues as new (default 4000); tests set it low to exercise the hand-over. */
  historyEventsLimit?: number;
}

/** The states a running readmission case can be in, from arrival to its last step before an end state (counted by the business gauges). */
export const readmissionOpenStates = [
  'awaiting-arrival',
  'screening',
  'age-assessment',
  'awaiting-selection',
  'awaiting-detention',
  'inadmissibility-review',
  'inadmissibility-approval',
  'request-pending',
  'awaiting-reply',
  'refused-correctable',
  'removal-directions',
  'removal-directions-approval',
  'awaiting-movement',
  'movement-booked',
  'cleared-for-transfer',
  'in-transit',
] as const;

/** States of a readmission case, from arrival to one of its end states. */
export type ReadmissionCaseState = (typeof readmissionOpenStates)[number] | ReadmissionOutcome;

/** End states, each reached with a reason. */
export type ReadmissionOutcome =
  | 'excluded'
  | 'not-selected'
  | 'out-of-time'
  | 'refused-by-france'
  | 'claim-admitted'
  | 'claim-succeeded'
  | 'transferred';

/** One entry of the case timeline (S2): what happened, when, by whom or which system, why, with evidence. Never edited. */
export interface TimelineEntry {
  at: string;
  what: string;
  by: string;
  why: string;
  evidence: string[];
}

/** A legal hold in force (R7), keyed by the challenge's reference. */
export interface LegalHold {
  reference: string;
  kind: LegalChallengeKind;
  placedAt: string;
}

/** The next deadline of a case and the rule that sets it. */
export interface CaseDeadline {
  rule: 'R3' | 'R4' | 'R6' | 'R8' | 'R5' | 'R9';
  at: string;
}

/** What a caseworker or supervisor sees of a case. */
export interface ReadmissionCaseView {
  caseId: string;
  state: ReadmissionCaseState;
  onHold: boolean;
  holds: LegalHold[];
  reEntry: boolean;
  escalated: boolean;
  targetBreached: boolean;
  arrivedAt?: string;
  requestDeadline?: string;
  replyDeadline?: string;
  movement?: { movementId: string; departsAt: string };
  nextDeadline?: CaseDeadline;
  outcomeReason?: string;
  timeline: TimelineEntry[];
}

/** Result of a finished case. */
export interface ReadmissionCaseResult {
  caseId: string;
  outcome: ReadmissionOutcome;
  reason: string;
}

/** What identity's screening at arrival found (R11). */
export interface ArrivalScreening {
  /** The biometrics match a person returned under the scheme before. */
  reEntry: boolean;
  /** Opaque id of the earlier case, when it is a re-entry. */
  previousCaseId?: string;
  /** Opaque id of an earlier case of the same person that ended without a return: a new crossing, linked to it. */
  earlierCaseId?: string;
  /** Opaque reference of the biometric enrolment made at arrival. */
  enrolmentReference: string;
}

/** The arrival as the case keeps it: Border Force's facts without the biometric template (identity keeps that). */
export type ArrivalFacts = Omit<ArrivalRecordedData, 'biometricTemplate'>;

/** The arrival fact, forwarded from Border Force's event by the identity service with its screening. */
export interface ArrivalRecordedSignalInput {
  eventId: string;
  arrival: ArrivalFacts;
  screening?: ArrivalScreening;
}

/**
 * Border Force sent a second record of the person this case is about (a new case id, the same
 * biometrics): identity linked it here instead of opening a second case.
 */
export interface ArrivalRecordLinkedInput {
  /** The event that carried the second record. */
  eventId: string;
  /** The case id Border Force gave the second record; no case runs under it. */
  recordCaseId: string;
  /** The biometric match between the two records: 1 for exact, else the similarity score. */
  matchScore: number;
}

/** A legal challenge lodged, forwarded by the legal-review service (R7). */
export interface LegalHoldPlacedInput {
  reference: string;
  kind: LegalChallengeKind;
  lodgedAt: string;
}

/** A legal challenge decided (R7): dismissed releases the hold; upheld sends the case to the domestic process. */
export interface LegalHoldReleasedInput {
  reference: string;
  outcome: 'dismissed' | 'withdrawn' | 'upheld';
}

/** Who takes a caseworker step and which command it is; a repeated command id returns the first result. */
export interface CommandMeta {
  commandId: string;
  /** Opaque id of the authorised person (`cw_...`). */
  actor: string;
}

/** The screening step: age and vulnerability as an authorised officer found them (R2). */
export interface RecordScreeningInput extends CommandMeta {
  age: AgeOutcome | 'disputed';
  vulnerabilities: string[];
}

/** The outcome of an age assessment that resolves a dispute (R2). */
export interface RecordAgeAssessmentInput extends CommandMeta {
  outcome: AgeOutcome;
  assessmentReference: string;
}

/** Selection for the pilot. */
export interface DecideSelectionInput extends CommandMeta {
  selected: boolean;
  reason: string;
}

/** Detention under the pilot. */
export interface RecordDetentionInput extends CommandMeta {
  facility: string;
}

/** A proposed inadmissibility decision (S1: proposed by one person, approved by another). */
export interface ProposeInadmissibilityInput extends CommandMeta {
  decision: 'inadmissible' | 'admissible';
  reasons: string;
  evidence: string[];
}

/** Approval or rejection of a pending proposal by a second person (S1). */
export interface ReviewProposalInput extends CommandMeta {
  approve: boolean;
  reason: string;
}

/** A corrected readmission request after a refusal, while R3's 14 days still run (R10). */
export interface SubmitCorrectedRequestInput extends CommandMeta {
  corrections: string;
}

/** Proposed removal directions (S1). */
export interface ProposeRemovalDirectionsInput extends CommandMeta {
  reasons: string;
}

/** France's reply to the request, forwarded by the legal-review service (R4, R10). */
export interface RecordFranceReplyInput {
  /** The reply's event id: a redelivered reply returns the first result. */
  commandId: string;
  requestReference: string;
  kind: 'accepted' | 'refused' | 'extended';
  ground?: FranceRefusalGround;
}

/** Boarding at the movement, forwarded by the transport service. */
export interface RecordBoardingInput {
  commandId: string;
  movementId: string;
  outcome: 'boarded' | 'no-show';
}

/** France's confirmation that it took the person over, forwarded by the transport service (R9, Q1). */
export interface ConfirmHandoverInput {
  commandId: string;
  movementId: string;
  handoverReference: string;
  confirmedAt: string;
}

/** What every accepted step returns: the state it left the case in. */
export interface StepResult {
  state: ReadmissionCaseState;
}

/** Border Force recorded the arrival that opens this case (sent with signal-with-start). */
export const arrivalRecordedSignal = defineSignal<[ArrivalRecordedSignalInput]>('arrivalRecorded');
/** A second Border Force record of this case's person was linked to the case (R11: one person, one case). */
export const arrivalRecordLinkedSignal = defineSignal<[ArrivalRecordLinkedInput]>('arrivalRecordLinked');
/** A legal challenge put the case on hold (R7). */
export const legalHoldPlacedSignal = defineSignal<[LegalHoldPlacedInput]>('legalHoldPlaced');
/** A legal challenge was decided (R7). */
export const legalHoldReleasedSignal = defineSignal<[LegalHoldReleasedInput]>('legalHoldReleased');

/** The case as it stands, with its timeline. */
export const caseViewQuery = defineQuery<ReadmissionCaseView>('caseView');

/** Screening by an authorised officer (R2). */
export const recordScreeningUpdate = defineUpdate<StepResult, [RecordScreeningInput]>('recordScreening');
/** An age assessment resolving a dispute (R2). */
export const recordAgeAssessmentUpdate = defineUpdate<StepResult, [RecordAgeAssessmentInput]>('recordAgeAssessment');
/** Selection for the pilot. */
export const decideSelectionUpdate = defineUpdate<StepResult, [DecideSelectionInput]>('decideSelection');
/** Detention recorded. */
export const recordDetentionUpdate = defineUpdate<StepResult, [RecordDetentionInput]>('recordDetention');
/** Inadmissibility decision proposed (S1). */
export const proposeInadmissibilityUpdate = defineUpdate<StepResult, [ProposeInadmissibilityInput]>('proposeInadmissibility');
/** Inadmissibility proposal approved or sent back by a second person (S1). */
export const reviewInadmissibilityUpdate = defineUpdate<StepResult, [ReviewProposalInput]>('reviewInadmissibility');
/** A corrected request after France refused (R10). */
export const submitCorrectedRequestUpdate = defineUpdate<StepResult, [SubmitCorrectedRequestInput]>('submitCorrectedRequest');
/** Removal directions proposed (S1). */
export const proposeRemovalDirectionsUpdate = defineUpdate<StepResult, [ProposeRemovalDirectionsInput]>('proposeRemovalDirections');
/** Removal directions approved (then served) or sent back by a second person (S1, R8). */
export const reviewRemovalDirectionsUpdate = defineUpdate<StepResult, [ReviewProposalInput]>('reviewRemovalDirections');
/** France's reply (R4, R10). */
export const recordFranceReplyUpdate = defineUpdate<StepResult, [RecordFranceReplyInput]>('recordFranceReply');
/** Boarding or no-show at the movement (R9). */
export const recordBoardingUpdate = defineUpdate<StepResult, [RecordBoardingInput]>('recordBoarding');
/** France confirmed the handover (R9, Q1). */
export const confirmHandoverUpdate = defineUpdate<StepResult, [ConfirmHandoverInput]>('confirmHandover');
