import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type SignalDefinition, type UpdateDefinition } from '@temporalio/common';
import { SearchAttributes, ledgerWorkflowId } from '@oioo/contracts/workflow';
import { eoiPolicyOf, ruleClock } from '@oioo/domain';
import { NewsWatch, useRuleClock, waitForNewsOrDeadline } from '@oioo/workflows-platform';
import { grantLapsedSignal, grantRevokedSignal, placesReleasedSignal, placesRequestWithdrawnSignal } from '@oioo/workflows-equivalence-ledger';
import {
  type EoiCaseInput,
  type EoiCaseResult,
  type EoiStepResult,
  biometricsCapturedSignal,
  eoiCaseViewQuery,
  eoiSubmittedSignal,
  presenceConfirmedSignal,
  proposeDecisionUpdate,
  recordArrivalUpdate,
  reviewDecisionUpdate,
  revokeGrantUpdate,
  securityCheckCompletedSignal,
  withdrawEoiUpdate,
} from './definitions';
import type { EoiActivities } from './eoi.activities';
import { type EoiCommand, checkCommand, proposeDecision, recordArrival, reviewDecision, revokeGrant, runCommand, withdrawEoi } from './eoi-commands';
import {
  admissionCounted,
  advance,
  appointmentBooked,
  biometricsCaptured,
  checksRequested,
  eoiSubmitted,
  placesReleased,
  placesRequested,
  presenceConfirmed,
  presenceRequested,
  registersChecked,
  securityCheckCompleted,
  travelBooked,
  travelNotBefore,
} from './eoi-facts';
import { type EoiSnapshot, type LedgerNotice, EOI_SYSTEM, checksEscalated, close, isClosed, nextDeadlineOf, openEoiCase, record, resultOf, viewOf } from './eoi-state';
import { nextAction } from './eoi-next-action';

/** Calls to the services retry with backoff until they succeed: the case's own deadlines, not a retry limit, decide when it is too late. */
const services = proxyActivities<EoiActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Continue-as-new well before Temporal's 10,000-event warning. */
const DEFAULT_HISTORY_EVENTS_LIMIT = 4000;

/** The patch that keeps early security results and gives a request for checks its chase deadline (E7). */
const SECURITY_CHECKS_WATCHED_PATCH = 'security-checks-watched';

/** How long to wait before telling the ledger again when a notice could not be delivered. */
const LEDGER_RETRY = '1 minute';

/**
 * One EOI case: one person, or a family under one reference (E5), from the portal's submission to
 * admission in the UK or another end state (E1–E8). Facts arrive as signals and updates and change the
 * snapshot; the loop applies the transitions and deadlines (E2, E7), then does the next thing the snapshot
 * calls for, or sleeps until news or the next deadline. Places come from the pilot's equivalence ledger,
 * through its Update (E6, Q2), and go back to it by signal when the case ends without using them (Q6).
 */
export async function eoiCaseWorkflow(input: EoiCaseInput): Promise<EoiCaseResult> {
  const { workflowId } = workflowInfo();
  const snapshot: EoiSnapshot = input.carried ?? openEoiCase(input.eoiId, input.pilotId, eoiPolicyOf(input.policy));
  useRuleClock(snapshot);
  // E7: early security results are kept and an unanswered request escalated on cases begun after this came; older ones replay as they ran.
  if (patched(SECURITY_CHECKS_WATCHED_PATCH)) snapshot.checksWatched = true;
  // Every signal and update tells the waiting loop, so it wakes to reconsider the case.
  const news = NewsWatch.open();
  const onFact = <Payload>(signal: SignalDefinition<[Payload]>, fact: (snapshot: EoiSnapshot, payload: Payload, now: Date) => void) =>
    setHandler(signal, (payload) => {
      fact(snapshot, payload, new Date());
      news.signalled();
    });
  onFact(eoiSubmittedSignal, eoiSubmitted);
  onFact(presenceConfirmedSignal, presenceConfirmed);
  onFact(biometricsCapturedSignal, biometricsCaptured);
  onFact(securityCheckCompletedSignal, securityCheckCompleted);
  onFact(placesReleasedSignal, (current, release, now) => placesReleased(current, release.releasedAt, now));
  setHandler(eoiCaseViewQuery, () => viewOf(snapshot));
  const handleStep = <Input extends { commandId: string }>(update: UpdateDefinition<EoiStepResult, [Input]>, command: EoiCommand<Input>) =>
    setHandler(
      update,
      (step) => {
        const result = runCommand(snapshot, command, step, new Date());
        news.updated();
        return result;
      },
      { validator: (step) => checkCommand(snapshot, command, step, new Date()) },
    );
  handleStep(withdrawEoiUpdate, withdrawEoi);
  handleStep(proposeDecisionUpdate, proposeDecision);
  handleStep(reviewDecisionUpdate, reviewDecision);
  handleStep(revokeGrantUpdate, revokeGrant);
  handleStep(recordArrivalUpdate, recordArrival);

  let published = '';
  const publishSearchAttributes = () => {
    const deadline = nextDeadlineOf(snapshot) ?? null;
    const escalated = checksEscalated(snapshot);
    // Upserts only on change: each one is a history event. No personal data: state, deadline and alert only (S3).
    const fingerprint = JSON.stringify({ state: snapshot.state, deadline, ...(escalated ? { escalated } : {}) });
    if (fingerprint === published) return;
    published = fingerprint;
    upsertSearchAttributes([
      { key: SearchAttributes.caseKind, value: 'eoi' },
      { key: SearchAttributes.caseState, value: snapshot.state },
      { key: SearchAttributes.caseAlerts, value: escalated ? ['escalated'] : [] },
      { key: SearchAttributes.nextDeadline, value: deadline ? new Date(deadline.at) : null },
      { key: SearchAttributes.nextDeadlineRule, value: deadline?.rule ?? null },
    ]);
  };

  for (;;) {
    // Deadlines are read from the rule clock, which only the case's own timers move (see ruleClock).
    const clock = ruleClock(snapshot, new Date());
    advance(snapshot, clock);
    publishSearchAttributes();
    const action = nextAction(snapshot, clock);
    if (action.kind === 'finish') break;
    switch (action.kind) {
      case 'request-presence': {
        const adults = snapshot.people.filter((person) => person.adult).map((person) => person.personId);
        const confirmWithinMs = Math.max(Math.round((snapshot.policy.presenceConfirmationHours * 3_600_000) / snapshot.policy.timeCompression), 1);
        const result = await services.requestPresenceConfirmation({ eoiId: snapshot.eoiId, personIds: adults, confirmWithinMs, idempotencyKey: `${workflowId}:presence` });
        if (!isClosed(snapshot)) presenceRequested(snapshot, result, new Date());
        break;
      }
      case 'request-places': {
        const submission = snapshot.submission as NonNullable<EoiSnapshot['submission']>;
        const result = await requestPlaces(snapshot, {
          commandId: `${workflowId}:places`,
          eoiId: snapshot.eoiId,
          people: snapshot.people.length,
          submittedAt: submission.submittedAt,
          nationalities: [...new Set(submission.applicants.flatMap((person) => person.nationalities))],
          ukLinkWithin5Years: submission.applicants.some((person) => person.ukLinkWithin5Years),
        });
        if (result) placesRequested(snapshot, result, new Date());
        break;
      }
      case 'book-appointment': {
        const result = await services.bookBiometricsAppointment({ eoiId: snapshot.eoiId, personIds: snapshot.people.map((person) => person.personId), idempotencyKey: `${workflowId}:appointment` });
        if (!isClosed(snapshot)) appointmentBooked(snapshot, result, new Date());
        break;
      }
      case 'check-registers': {
        const result = await services.checkRegisters({ eoiId: snapshot.eoiId, personId: action.personId, enrolmentReference: action.enrolmentReference });
        registersChecked(snapshot, action.personId, result, new Date());
        break;
      }
      case 'request-security-checks': {
        const result = await services.requestSecurityChecks({ eoiId: snapshot.eoiId, personIds: snapshot.people.map((person) => person.personId), idempotencyKey: `${workflowId}:security-checks` });
        if (!isClosed(snapshot)) checksRequested(snapshot, result, new Date());
        break;
      }
      case 'book-travel': {
        const result = await services.bookTravel({
          eoiId: snapshot.eoiId,
          personIds: snapshot.people.filter((person) => !person.arrivedAt).map((person) => person.personId),
          notBefore: travelNotBefore(snapshot, new Date()).toISOString(),
          idempotencyKey: `${workflowId}:travel`,
        });
        travelBooked(snapshot, result, new Date());
        break;
      }
      case 'record-admission': {
        const { admission } = action;
        await services.recordAdmission({ pilotId: snapshot.pilotId, commandId: admission.commandId, eoiId: snapshot.eoiId, personId: admission.personId, arrivedAt: admission.arrivedAt });
        admissionCounted(snapshot, admission.commandId, new Date());
        break;
      }
      case 'notify-ledger': {
        await notifyLedger(snapshot, action.notice);
        break;
      }
      case 'wait': {
        const seen = news.mark();
        await waitForNewsOrDeadline(snapshot, () => news.heard(seen), action.until, clock);
        break;
      }
    }
    if (!isClosed(snapshot)) await continueAsNewIfLong(input, snapshot);
  }

  publishSearchAttributes();
  await condition(allHandlersFinished);
  return resultOf(snapshot);
}

/**
 * E6: asks the ledger for places. The ledger refusing (a family larger than any week's cap, a pilot that has
 * ended, Q5) closes the case with the ledger's reason; anything else is retried by the activity.
 */
async function requestPlaces(snapshot: EoiSnapshot, request: Parameters<EoiActivities['requestPlaces']>[0]['request']): Promise<'held' | 'released' | undefined> {
  try {
    const result = await services.requestPlaces({ pilotId: snapshot.pilotId, request });
    return result.status;
  } catch (error) {
    if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable) {
      close(snapshot, 'refused', new Date(), 'equivalence-ledger', `E6: the ledger refused places: ${error.cause.message}`);
      return undefined;
    }
    throw error;
  }
}

/**
 * Tells the ledger the case gives places back (E6, Q6). A ledger that cannot be reached is tried again
 * after a minute, for as long as it takes: the places must not be lost.
 */
async function notifyLedger(snapshot: EoiSnapshot, notice: LedgerNotice): Promise<void> {
  const ledger = getExternalWorkflowHandle(ledgerWorkflowId(snapshot.pilotId));
  const payload = { eoiId: snapshot.eoiId, reason: notice.reason };
  try {
    if (notice.kind === 'withdrawn') await ledger.signal(placesRequestWithdrawnSignal, payload);
    else if (notice.kind === 'revoked') await ledger.signal(grantRevokedSignal, payload);
    else await ledger.signal(grantLapsedSignal, payload);
    snapshot.ledgerOutbox.shift();
    record(snapshot, new Date(), `ledger-told-${notice.kind}`, EOI_SYSTEM, `Q6: the ledger was told the EOI ${notice.kind === 'withdrawn' ? 'no longer waits for places' : `${notice.kind}; its unused places return`}`);
  } catch (error) {
    if (isCancellation(error)) throw error;
    record(snapshot, new Date(), 'ledger-unreachable', EOI_SYSTEM, `the ledger could not be told (${error instanceof Error ? error.message : String(error)}); trying again`);
    await sleep(LEDGER_RETRY);
  }
}

/** Starts a fresh run carrying the snapshot once the history grows long; handlers finish first so no step is lost. */
async function continueAsNewIfLong(input: EoiCaseInput, snapshot: EoiSnapshot): Promise<void> {
  const info = workflowInfo();
  if (!info.continueAsNewSuggested && info.historyLength < (input.historyEventsLimit ?? DEFAULT_HISTORY_EVENTS_LIMIT)) return;
  await condition(allHandlersFinished);
  await continueAsNew<typeof eoiCaseWorkflow>({
    eoiId: snapshot.eoiId,
    pilotId: snapshot.pilotId,
    carried: snapshot,
    ...(input.historyEventsLimit === undefined ? {} : { historyEventsLimit: input.historyEventsLimit }),
  });
}
