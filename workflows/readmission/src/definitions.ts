import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ArrivalRecordedData } from '@oioo/contracts';

/** Input of a readmission case workflow: only the opaque case id; facts arrive as signals. */
export interface ReadmissionCaseInput {
  caseId: string;
}

/** States of a readmission case. Later stages of the case are added as the workflow grows. */
export type ReadmissionCaseState = 'awaiting-arrival' | 'awaiting-request' | 'excluded' | 'out-of-time';

/** End states, each with the reason the case left the pilot. */
export type ReadmissionOutcome = Extract<ReadmissionCaseState, 'excluded' | 'out-of-time'>;

/** One entry of the case timeline (S2): what happened, when, by whom or which system, and why. */
export interface TimelineEntry {
  at: string;
  what: string;
  by: string;
  why: string;
  evidence: string[];
}

/** What a caseworker or supervisor sees of a case. */
export interface ReadmissionCaseView {
  caseId: string;
  state: ReadmissionCaseState;
  arrivedAt?: string;
  requestDeadline?: string;
  outcomeReason?: string;
  timeline: TimelineEntry[];
}

/** Result of a finished case. */
export interface ReadmissionCaseResult {
  caseId: string;
  outcome: ReadmissionOutcome;
  reason: string;
}

/** The arrival fact, forwarded from Border Force's event by the identity service. */
export interface ArrivalRecordedSignalInput {
  eventId: string;
  arrival: ArrivalRecordedData;
}

/** Border Force recorded the arrival that opens this case (sent with signal-with-start). */
export const arrivalRecordedSignal = defineSignal<[ArrivalRecordedSignalInput]>('arrivalRecorded');

/** The case as it stands, with its timeline. */
export const caseViewQuery = defineQuery<ReadmissionCaseView>('caseView');
