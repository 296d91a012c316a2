import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type UpdateDefinition } from '@temporalio/common';
import { SearchAttributes } from '@oioo/contracts/workflow';
import { DEFAULT_READMISSION_POLICY, ruleClock } from '@oioo/domain';
import { NewsWatch, useRuleClock, waitForNewsOrDeadline } from '@oioo/workflows-platform';
import * as commands from './case-commands';
import { type CaseCommand, checkCommand, runCommand } from './case-commands';
import { bookingCancelled, linkArrivalRecord, movementBooked, placeHold, releaseHold, requestSent, transferBarsChecked } from './case-facts';
import { type CaseSnapshot, applyClock, isClosed, nextAction, openCase, recordArrival, resultOf, viewOf } from './case-state';
import {
  type ReadmissionCaseInput,
  type ReadmissionCaseResult,
  type StepResult,
  arrivalRecordLinkedSignal,
  arrivalRecordedSignal,
  caseViewQuery,
  confirmHandoverUpdate,
  decideSelectionUpdate,
  legalHoldPlacedSignal,
  legalHoldReleasedSignal,
  proposeInadmissibilityUpdate,
  proposeRemovalDirectionsUpdate,
  recordAgeAssessmentUpdate,
  recordBoardingUpdate,
  recordDetentionUpdate,
  recordFranceReplyUpdate,
  recordScreeningUpdate,
  reviewInadmissibilityUpdate,
  reviewRemovalDirectionsUpdate,
  submitCorrectedRequestUpdate,
} from './definitions';
import type { ReadmissionActivities } from './readmission.activities';

/** Calls to the services retry with backoff until they succeed: the case's own deadlines, not a retry limit, decide when it is too late. */
const services = proxyActivities<ReadmissionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The patch that gave France's handover confirmation a deadline (R9). */
const HANDOVER_DEADLINE_PATCH = 'handover-confirmation-deadline';
/** The patch that runs the R9 deadline from departure for a case still cleared for transfer (no boarding recorded). */
const DEPARTURE_DEADLINE_PATCH = 'departure-without-boarding-deadline';

/** Continue-as-new well before Temporal's 10,000-event warning, so months-long cases keep small histories. */
const DEFAULT_HISTORY_EVENTS_LIMIT = 4000;

/**
 * One readmission case, one person, from Border Force's arrival record to handover in France or
 * another end state. Facts arrive as signals and updates and change the case snapshot; the loop
 * below applies the deadlines (which count from the arrival time in the event, not from when this
 * workflow started), then does the next thing the snapshot calls for, or sleeps until news or the
 * next deadline. The rules themselves live in pure functions (case-state, case-commands, case-facts).
 */
export async function readmissionCaseWorkflow(input: ReadmissionCaseInput): Promise<ReadmissionCaseResult> {
  const { workflowId } = workflowInfo();
  const snapshot: CaseSnapshot = input.carried ?? openCase(input.caseId, { ...DEFAULT_READMISSION_POLICY, ...input.policy });
  useRuleClock(snapshot);
  // R9: France's handover confirmation has a deadline on cases begun after it came; older ones replay as they ran.
  if (patched(HANDOVER_DEADLINE_PATCH)) snapshot.handoverWatched = true;
  // R9: so does a movement that left with no boarding recorded for the person.
  if (patched(DEPARTURE_DEADLINE_PATCH)) snapshot.departureWatched = true;
  // Every signal and update tells the waiting loop, so it wakes to reconsider the case.
  const news = NewsWatch.open();

  setHandler(arrivalRecordedSignal, (signal) => {
    recordArrival(snapshot, signal, new Date());
    news.signalled();
  });
  setHandler(arrivalRecordLinkedSignal, (signal) => {
    linkArrivalRecord(snapshot, signal, new Date());
    news.signalled();
  });
  setHandler(legalHoldPlacedSignal, (signal) => {
    placeHold(snapshot, signal, new Date());
    news.signalled();
  });
  setHandler(legalHoldReleasedSignal, (signal) => {
    releaseHold(snapshot, signal, new Date());
    news.signalled();
  });
  setHandler(caseViewQuery, () => viewOf(snapshot));
  const handleStep = <Input extends { commandId: string }>(update: UpdateDefinition<StepResult, [Input]>, command: CaseCommand<Input>) =>
    setHandler(
      update,
      (step) => {
        const result = runCommand(snapshot, command, step, new Date());
        news.updated();
        return result;
      },
      { validator: (step) => checkCommand(snapshot, command, step, new Date()) },
    );
  handleStep(recordScreeningUpdate, commands.recordScreening);
  handleStep(recordAgeAssessmentUpdate, commands.recordAgeAssessment);
  handleStep(decideSelectionUpdate, commands.decideSelection);
  handleStep(recordDetentionUpdate, commands.recordDetention);
  handleStep(proposeInadmissibilityUpdate, commands.proposeInadmissibility);
  handleStep(reviewInadmissibilityUpdate, commands.reviewInadmissibility);
  handleStep(submitCorrectedRequestUpdate, commands.submitCorrectedRequest);
  handleStep(proposeRemovalDirectionsUpdate, commands.proposeRemovalDirections);
  handleStep(reviewRemovalDirectionsUpdate, commands.reviewRemovalDirections);
  handleStep(recordFranceReplyUpdate, commands.recordFranceReply);
  handleStep(recordBoardingUpdate, commands.recordBoarding);
  handleStep(confirmHandoverUpdate, commands.confirmHandover);

  let published = '';
  const publishSearchAttributes = () => {
    const view = viewOf(snapshot);
    const attributes = {
      state: view.state,
      onHold: view.onHold,
      reEntry: view.reEntry,
      escalated: view.escalated,
      targetBreached: view.targetBreached,
      deadline: view.nextDeadline ?? null,
    };
    // Upserts only on change: each one is a history event, and cases live for months.
    const fingerprint = JSON.stringify(attributes);
    if (fingerprint === published) return;
    published = fingerprint;
    upsertSearchAttributes([
      { key: SearchAttributes.caseKind, value: 'readmission' },
      { key: SearchAttributes.caseState, value: attributes.state },
      { key: SearchAttributes.onHold, value: attributes.onHold },
      { key: SearchAttributes.reEntry, value: attributes.reEntry },
      { key: SearchAttributes.caseAlerts, value: [...(attributes.escalated ? ['escalated'] : []), ...(attributes.targetBreached ? ['target-breached'] : [])] },
      { key: SearchAttributes.nextDeadline, value: attributes.deadline ? new Date(attributes.deadline.at) : null },
      { key: SearchAttributes.nextDeadlineRule, value: attributes.deadline?.rule ?? null },
    ]);
  };

  while (!isClosed(snapshot)) {
    // Deadlines are read from the rule clock, which only the case's own timers move (see ruleClock).
    const clock = ruleClock(snapshot, new Date());
    applyClock(snapshot, clock);
    publishSearchAttributes();
    if (isClosed(snapshot)) break;
    const action = nextAction(snapshot, clock);
    switch (action.kind) {
      case 'send-request': {
        const arrival = snapshot.arrival as NonNullable<CaseSnapshot['arrival']>;
        const result = await services.sendReadmissionRequest({
          caseId: snapshot.caseId,
          personId: arrival.data.personId,
          biometricReference: arrival.screening?.enrolmentReference ?? `arrival-event:${arrival.eventId}`,
          crossingEvidence: arrival.data.crossingEvidence,
          arrivedAt: arrival.data.arrivedAt,
          requestNumber: snapshot.requestsSent + 1,
          idempotencyKey: `${workflowId}:request:${snapshot.requestsSent + 1}`,
        });
        // A case closed while the call was in flight (a claim upheld, say) keeps its end state.
        if (!isClosed(snapshot)) requestSent(snapshot, result, new Date());
        break;
      }
      case 'book-movement': {
        const booking = await services.bookMovement({
          caseId: snapshot.caseId,
          personId: (snapshot.arrival as NonNullable<CaseSnapshot['arrival']>).data.personId,
          // The notice is counted from the rule clock; the booking asks for nothing earlier than the worker's now.
          notBefore: new Date(Math.max(action.notBefore.getTime(), Date.now())).toISOString(),
          bookingNumber: snapshot.bookingsMade + 1,
          idempotencyKey: `${workflowId}:booking:${snapshot.bookingsMade + 1}`,
        });
        movementBooked(snapshot, booking, new Date());
        break;
      }
      case 'cancel-booking': {
        const movementId = snapshot.movement?.movementId as string;
        await services.cancelBooking({ caseId: snapshot.caseId, movementId, reason: action.reason, idempotencyKey: `${workflowId}:cancel:${snapshot.bookingsMade}` });
        bookingCancelled(snapshot, action.reason, new Date());
        break;
      }
      case 'check-transfer-bars': {
        // R5 is read from the legal-review service's current view, at the last moment, not from a copy taken earlier.
        const personId = (snapshot.arrival as NonNullable<CaseSnapshot['arrival']>).data.personId;
        const result = await services.checkTransferBars({ caseId: snapshot.caseId, personId });
        if (!isClosed(snapshot) && snapshot.state === 'movement-booked') transferBarsChecked(snapshot, result.pending, new Date());
        break;
      }
      case 'wait': {
        const seen = news.mark();
        await waitForNewsOrDeadline(snapshot, () => news.heard(seen), action.until, clock);
        break;
      }
    }
    await continueAsNewIfLong(input, snapshot);
  }

  // A booking made while the case was ending is given back, so a closed case never holds a seat.
  if (snapshot.movement && snapshot.outcome?.outcome !== 'transferred') {
    const { movementId } = snapshot.movement;
    await services.cancelBooking({ caseId: snapshot.caseId, movementId, reason: `case ended: ${snapshot.state}`, idempotencyKey: `${workflowId}:cancel:${snapshot.bookingsMade}` });
  }
  if (snapshot.outcome?.outcome === 'transferred' && snapshot.handover) {
    // R11: the returned person's biometrics enter the register of returns under the scheme.
    await services.registerReturn({
      caseId: snapshot.caseId,
      personId: (snapshot.arrival as NonNullable<CaseSnapshot['arrival']>).data.personId,
      handoverReference: snapshot.handover.reference,
      idempotencyKey: `${workflowId}:register-return`,
    });
  }
  publishSearchAttributes();
  await condition(allHandlersFinished);
  return resultOf(snapshot);
}

/** Starts a fresh run carrying the snapshot once the history grows long; handlers finish first so no step is lost. */
async function continueAsNewIfLong(input: ReadmissionCaseInput, snapshot: CaseSnapshot): Promise<void> {
  const info = workflowInfo();
  if (!info.continueAsNewSuggested && info.historyLength < (input.historyEventsLimit ?? DEFAULT_HISTORY_EVENTS_LIMIT)) return;
  await condition(allHandlersFinished);
  await continueAsNew<typeof readmissionCaseWorkflow>({
    caseId: input.caseId,
    carried: snapshot,
    ...(input.historyEventsLimit === undefined ? {} : { historyEventsLimit: input.historyEventsLimit }),
  });
}
