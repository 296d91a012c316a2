import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SecurityRefusalGround } from '@oioo/contracts';
import type { EoiApplicantFacts, EoiPolicy } from '@oioo/domain';
import type { EoiSnapshot } from './eoi-state';

export type { EoiApplicantFacts };

/** Input of an EOI case workflow (`eoi:<eoiId>`): the opaque ids, the policy it runs under, and state carried over by continue-as-new. */
export interface EoiCaseInput {
  eoiId: string;
  /** The pilot whose ledger holds the EOI's places (`ledger:<pilotId>`). */
  pilotId: string;
  /** Overrides of the policy defaults; copied into the case when it opens. */
  policy?: Partial<EoiPolicy>;
  /** Set only by continue-as-new: the case as it stood. */
  carried?: EoiSnapshot;
  /** History length after which the case continues as new (default 4000); tests set it low to exercise the hand-over. */
  historyEventsLimit?: number;
}

/** The states a running EOI case can be in, from submission to its last step before an end state (counted by the business gauges). */
export const eoiOpenStates = [
  'awaiting-submission',
  'awaiting-presence',
  'held',
  'invited',
  'security-checks',
  'decision',
  'decision-approval',
  'granted',
] as const;

/** States of an EOI case, from submission to one of its end states. */
export type EoiCaseState = (typeof eoiOpenStates)[number] | EoiOutcome;

/**
 * End states, each reached with a reason: `invalid` (E1, E2), `ineligible` (E3), `withdrawn`,
 * `refused` (E4, the checks, or the decision), `lapsed` (E7: the grant ran out), `revoked` (Q6),
 * `admitted` (E8: everyone arrived and was handed to the domestic asylum process).
 */
export type EoiOutcome = 'invalid' | 'ineligible' | 'withdrawn' | 'refused' | 'lapsed' | 'revoked' | 'admitted';

/** One entry of the case timeline (S2): what happened, when, by whom or which system, why, with evidence. Never edited. */
export interface EoiTimelineEntry {
  at: string;
  what: string;
  by: string;
  why: string;
  evidence: string[];
}

/** How far one person in the EOI has got. */
export interface EoiPersonView {
  personId: string;
  role: EoiApplicantFacts['role'];
  adult: boolean;
  presenceConfirmedAt?: string;
  enrolmentReference?: string;
  registerCheck?: 'clear' | 'match';
  securityCheck?: 'clear' | 'refuse';
  arrivedAt?: string;
}

/** The next deadline of a case and the rule that sets it. */
export interface EoiDeadline {
  rule: 'E2' | 'E7';
  at: string;
}

/** What a caseworker or supervisor sees of an EOI case. */
export interface EoiCaseView {
  eoiId: string;
  pilotId: string;
  state: EoiCaseState;
  familySize: number;
  submittedAt?: string;
  people: EoiPersonView[];
  placesReleasedAt?: string;
  appointmentReference?: string;
  checkReference?: string;
  /** E7: the security services left the request for checks unanswered past its chase deadline; a caseworker chases them. */
  escalated: boolean;
  grant?: { grantedAt: string; validUntil: string; travelReference?: string; departsAt?: string };
  nextDeadline?: EoiDeadline;
  outcomeReason?: string;
  timeline: EoiTimelineEntry[];
}

/** Result of a finished EOI case. */
export interface EoiCaseResult {
  eoiId: string;
  outcome: EoiOutcome;
  reason: string;
  /** People who arrived in the UK under the grant (E8). */
  admitted: number;
}

/** The submission, forwarded by the identity service without names or document numbers (S3). Sent with signal-with-start. */
export interface EoiSubmittedSignalInput {
  /** The portal event's id: a redelivered submission changes nothing. */
  eventId: string;
  eoiId: string;
  familyReference?: string;
  submittedAt: string;
  applicants: EoiApplicantFacts[];
}

/** An adult confirmed their location (E2), forwarded by identity from the portal. */
export interface PresenceConfirmedSignalInput {
  eventId: string;
  personId: string;
  confirmedAt: string;
  /** ISO 3166-1 alpha-3; only FRA satisfies E2. */
  country: string;
}

/** The visa application centre captured a person's biometrics and identity enrolled them (E7). */
export interface BiometricsCapturedSignalInput {
  eventId: string;
  personId: string;
  appointmentReference: string;
  /** Identity's reference for the enrolled template: the register check (E4) matches on it. */
  enrolmentReference: string;
  capturedAt: string;
}

/** The security services finished one person's checks (E7), forwarded by legal-review. */
export interface SecurityCheckCompletedSignalInput {
  eventId: string;
  personId: string;
  checkReference: string;
  outcome: 'clear' | 'refuse';
  ground?: SecurityRefusalGround;
  completedAt: string;
}

/** Who takes a caseworker step and which command it is; a repeated command id returns the first result. */
export interface EoiCommandMeta {
  commandId: string;
  /** Opaque id of the authorised person (`cw_...`). */
  actor: string;
}

/** The applicant withdrew, or a caseworker closed the EOI before a grant. */
export interface WithdrawEoiInput extends EoiCommandMeta {
  reason: string;
}

/** A proposed decision on the EOI (S1: proposed by one person, approved by another). */
export interface ProposeDecisionInput extends EoiCommandMeta {
  decision: 'grant' | 'refuse';
  reasons: string;
  evidence: string[];
}

/** Approval or rejection of the pending proposal by a second person (S1). */
export interface ReviewDecisionInput extends EoiCommandMeta {
  approve: boolean;
  reason: string;
}

/** A grant revoked before it was used (Q6). */
export interface RevokeGrantInput extends EoiCommandMeta {
  reason: string;
}

/** Border Force admitted a person at the UK border (E8), forwarded by the transport service. */
export interface RecordArrivalInput {
  /** The border event's id: a redelivered arrival returns the first result and counts once. */
  commandId: string;
  personId: string;
  arrivedAt: string;
  port: string;
  travelReference?: string;
}

/** What every accepted step returns: the state it left the case in. */
export interface EoiStepResult {
  state: EoiCaseState;
}

/** The portal's submission, forwarded by identity (E1, E5); opens the case. */
export const eoiSubmittedSignal = defineSignal<[EoiSubmittedSignalInput]>('eoiSubmitted');
/** An adult confirmed their presence in France (E2). */
export const presenceConfirmedSignal = defineSignal<[PresenceConfirmedSignalInput]>('presenceConfirmed');
/** Biometrics captured at the visa application centre (E7). */
export const biometricsCapturedSignal = defineSignal<[BiometricsCapturedSignalInput]>('biometricsCaptured');
/** One person's security and suitability checks finished (E7). */
export const securityCheckCompletedSignal = defineSignal<[SecurityCheckCompletedSignalInput]>('securityCheckCompleted');

/** The case as it stands, with its timeline. */
export const eoiCaseViewQuery = defineQuery<EoiCaseView>('eoiCaseView');

/** The EOI withdrawn before a grant; its places go back to the ledger. */
export const withdrawEoiUpdate = defineUpdate<EoiStepResult, [WithdrawEoiInput]>('withdrawEoi');
/** A decision proposed (S1). */
export const proposeDecisionUpdate = defineUpdate<EoiStepResult, [ProposeDecisionInput]>('proposeDecision');
/** The proposal approved or sent back by a second person (S1). */
export const reviewDecisionUpdate = defineUpdate<EoiStepResult, [ReviewDecisionInput]>('reviewDecision');
/** A grant revoked (Q6). */
export const revokeGrantUpdate = defineUpdate<EoiStepResult, [RevokeGrantInput]>('revokeGrant');
/** A person arrived at the UK border under the grant (E8); refused when no grant covers them. */
export const recordArrivalUpdate = defineUpdate<EoiStepResult, [RecordArrivalInput]>('recordArrival');
