import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AdmissionRecordedInput,
  AdmissionRecordedResult,
  GrantEndedInput,
  IntakeDecisionInput,
  IntakeDecisionResult,
  IsoWeek,
  LedgerBalance,
  LedgerPolicy,
  NoticeOfTerminationInput,
  NoticeOfTerminationResult,
  ReadmissionConfirmedInput,
  RequestPlacesInput,
  RequestPlacesResult,
  RequestWithdrawnInput,
  WeeklyReport,
} from '@oioo/domain';
import type { LedgerSnapshot } from './ledger-snapshot';

export type {
  AdmissionRecordedInput,
  AdmissionRecordedResult,
  GrantEndedInput,
  IntakeDecisionInput,
  IntakeDecisionResult,
  LedgerBalance,
  LedgerPolicy,
  NoticeOfTerminationInput,
  NoticeOfTerminationResult,
  ReadmissionConfirmedInput,
  RequestPlacesInput,
  RequestPlacesResult,
  RequestWithdrawnInput,
  WeeklyReport,
};

/** Input of the equivalence ledger workflow: the opaque pilot id, the policy it runs under, and state carried over by continue-as-new. */
export interface EquivalenceLedgerInput {
  /** Opaque id of the pilot (`pilot_...`); the workflow ID is `ledger:<pilotId>`. */
  pilotId: string;
  /** Overrides of the policy defaults (RULES.md Q2, Q4, E6); copied into the ledger when it opens. */
  policy?: Partial<LedgerPolicy>;
  /** Set only by continue-as-new: the ledger as it stood. */
  carried?: LedgerSnapshot;
  /** History length after which the ledger continues as new (default 4000); tests set it low to exercise the hand-over. */
  historyEventsLimit?: number;
}

/** Result of the ledger once the pilot has ended (Q5) and no grant is outstanding any more. */
export interface EquivalenceLedgerResult {
  pilotId: string;
  finalBalance: LedgerBalance;
}

/**
 * What an EOI's workflow (`eoi:<eoiId>`) is told when the ledger releases places to it: it may now
 * invite the applicants and issue the grant (E7). Sent once per EOI; the EOI case should ignore a repeat.
 */
export interface PlacesReleasedSignalInput {
  pilotId: string;
  eoiId: string;
  places: number;
  releasedAt: string;
  isoWeek: IsoWeek;
}

/** A release the ledger could not tell its EOI's workflow about (none running under `eoi:<eoiId>`); kept for operators. */
export interface UndeliveredRelease extends PlacesReleasedSignalInput {
  failedAt: string;
  reason: string;
}

/** The notifications of released places: waiting to be sent, sent, and those whose EOI workflow could not be reached. */
export interface ReleaseNotifications {
  pending: number;
  delivered: number;
  undelivered: UndeliveredRelease[];
}

/** The live balance (Q3) with the state of the release notifications. */
export interface LedgerBalanceView extends LedgerBalance {
  notifications: ReleaseNotifications;
  /** The ISO week (pilot clock) the ledger opened in: the first week it reports. */
  firstWeek: IsoWeek;
  /** Characters of JSON the last continue-as-new carried (absent before the first); `large-state` is raised past 1,000,000. */
  carriedStateBytes?: number;
}

/** France confirmed a handover (Q1), forwarded by the transport service; a repeat for the same case counts once. */
export const readmissionConfirmedSignal = defineSignal<[ReadmissionConfirmedInput]>('readmissionConfirmed');
/** A grant lapsed unused after its 3 months (E7, Q6), from the EOI case. */
export const grantLapsedSignal = defineSignal<[GrantEndedInput]>('grantLapsed');
/** A grant was revoked (Q6), from the EOI case. */
export const grantRevokedSignal = defineSignal<[GrantEndedInput]>('grantRevoked');
/** An EOI held for places was withdrawn or found invalid (E6), from the EOI case. */
export const placesRequestWithdrawnSignal = defineSignal<[RequestWithdrawnInput]>('placesRequestWithdrawn');

/** Sent by the ledger to an EOI's workflow (`eoi:<eoiId>`) when places are released to it (E6, E7). */
export const placesReleasedSignal = defineSignal<[PlacesReleasedSignalInput]>('placesReleased');

/** E5, E6: places for an EOI; held until they can be released. Serialised by the workflow, so two callers never race for the last place (Q2). */
export const requestPlacesUpdate = defineUpdate<RequestPlacesResult, [RequestPlacesInput]>('requestPlaces');
/** Q1, E8: a person arrived under their EOI's grant; refused when no grant is outstanding for them. */
export const admissionRecordedUpdate = defineUpdate<AdmissionRecordedResult, [AdmissionRecordedInput]>('admissionRecorded');
/** Q4: intake paused by an authorised person. */
export const pauseUpdate = defineUpdate<IntakeDecisionResult, [IntakeDecisionInput]>('pauseIntake');
/** Q4: intake resumed by an authorised person. */
export const resumeUpdate = defineUpdate<IntakeDecisionResult, [IntakeDecisionInput]>('resumeIntake');
/** Q5: notice of termination; the ledger reconciles until the month is over. */
export const noticeOfTerminationUpdate = defineUpdate<NoticeOfTerminationResult, [NoticeOfTerminationInput]>('noticeOfTermination');

/** Q3: the live balance, for monitoring. */
export const balanceQuery = defineQuery<LedgerBalanceView>('balance');
/** Q3: one ISO week's report for the joint committee (`2026-W10`). */
export const weeklyReportQuery = defineQuery<WeeklyReport, [IsoWeek]>('weeklyReport');
