import { condition, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { SearchAttributes } from '@oioo/contracts';
import { assessArrivalScope, requestDeadline } from '@oioo/domain';
import {
  type ArrivalRecordedSignalInput,
  type ReadmissionCaseInput,
  type ReadmissionCaseResult,
  type ReadmissionCaseState,
  type ReadmissionCaseView,
  type ReadmissionOutcome,
  arrivalRecordedSignal,
  caseViewQuery,
} from './definitions';

/**
 * One readmission case, one person: opened by Border Force's arrival record and driven by deadlines
 * that count from the arrival time in the event, not from when this workflow happened to start.
 */
export async function readmissionCaseWorkflow(input: ReadmissionCaseInput): Promise<ReadmissionCaseResult> {
  const view: ReadmissionCaseView = { caseId: input.caseId, state: 'awaiting-arrival', timeline: [] };
  let arrival: ArrivalRecordedSignalInput | undefined;

  const record = (what: string, by: string, why: string, evidence: string[] = []) => {
    view.timeline.push({ at: new Date().toISOString(), what, by, why, evidence });
  };
  const moveTo = (state: ReadmissionCaseState, by: string, why: string, evidence: string[] = []) => {
    view.state = state;
    record(`state:${state}`, by, why, evidence);
    upsertSearchAttributes([{ key: SearchAttributes.caseState, value: state }]);
  };
  const finish = (outcome: ReadmissionOutcome, reason: string): ReadmissionCaseResult => {
    moveTo(outcome, 'workflow', reason);
    view.outcomeReason = reason;
    upsertSearchAttributes([
      { key: SearchAttributes.nextDeadline, value: null },
      { key: SearchAttributes.nextDeadlineRule, value: null },
    ]);
    return { caseId: input.caseId, outcome, reason };
  };

  setHandler(arrivalRecordedSignal, (signal) => {
    // Agencies resend events; the first arrival opens the case and later copies are only noted.
    if (arrival) {
      record('duplicate-arrival-ignored', 'system:uk-border-force', `event ${signal.eventId} repeats the arrival already recorded`);
      return;
    }
    arrival = signal;
  });
  setHandler(caseViewQuery, () => view);
  upsertSearchAttributes([
    { key: SearchAttributes.caseKind, value: 'readmission' },
    { key: SearchAttributes.caseState, value: view.state },
  ]);

  await condition(() => arrival !== undefined);
  const { arrival: facts, eventId } = arrival as ArrivalRecordedSignalInput;
  view.arrivedAt = facts.arrivedAt;
  record('arrival-recorded', 'system:uk-border-force', `small-boat arrival by route ${facts.route}`, [
    `event:${eventId}`,
    ...facts.crossingEvidence.map((item) => `${item.kind}:${item.reference}`),
  ]);

  const scope = assessArrivalScope({ departedFrom: facts.departedFrom, crossingEvidenceCount: facts.crossingEvidence.length });
  if (!scope.inScope) return finish('excluded', scope.reason);

  const deadline = requestDeadline(new Date(facts.arrivedAt));
  view.requestDeadline = deadline.toISOString();
  moveTo('awaiting-request', 'workflow', 'R1: in scope; R3: the request to France is due within 14 days of arrival');
  upsertSearchAttributes([
    { key: SearchAttributes.nextDeadline, value: deadline },
    { key: SearchAttributes.nextDeadlineRule, value: 'R3' },
  ]);

  // A durable timer to the deadline computed from the arrival time: a case opened late gets only what is left.
  await sleep(Math.max(deadline.getTime() - Date.now(), 0));
  return finish('out-of-time', 'R3: no readmission request reached France within 14 days of arrival; the case goes to the domestic asylum process');
}
