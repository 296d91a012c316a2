import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type SignalDefinition, type UpdateDefinition } from '@temporalio/common';
import { SearchAttributes, eoiWorkflowId, ledgerWorkflowId } from '@oioo/contracts/workflow';
import { NewsWatch } from '@oioo/workflows-platform';
import { LedgerErrorCode, archiveClosedEois, grantLapsed, grantRevoked, nextLedgerWake, readmissionConfirmed, requestWithdrawn } from '@oioo/domain';
import {
  type EquivalenceLedgerInput,
  type EquivalenceLedgerResult,
  admissionRecordedUpdate,
  balanceQuery,
  grantLapsedSignal,
  grantRevokedSignal,
  noticeOfTerminationUpdate,
  pauseUpdate,
  placesReleasedSignal,
  placesRequestWithdrawnSignal,
  readmissionConfirmedSignal,
  requestPlacesUpdate,
  resumeUpdate,
  weeklyReportQuery,
} from './definitions';
import {
  type LedgerCommand,
  type LedgerFact,
  admissionRecordedCommand,
  applyFact,
  noticeOfTerminationCommand,
  pauseCommand,
  requestPlacesCommand,
  resumeCommand,
  runCommand,
  validateCommand,
} from './ledger-commands';
import { reject } from './ledger-errors';
import { WakeTimer } from './wake-timer';
import type { LedgerActivities } from './ledger.activities';
import { ledgerRuleNow, ledgerWakeSeen, pilotNow, realDelayUntil, reportEventOf, startLedgerRuleClock, weeksToReport } from './ledger-clock';
import {
  type LedgerSnapshot,
  balanceViewOf,
  isFinished,
  measureCarriedState,
  openSnapshot,
  releaseDelivered,
  releaseUndelivered,
  reportOf,
  resultOf,
  searchViewOf,
  settle,
} from './ledger-snapshot';

/** Publishing a report retries until the broker takes it: the committee's figures must not be skipped. */
const outside = proxyActivities<LedgerActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The patch that put the ledger's rules on its rule clock (ledgerRuleNow). */
const LEDGER_RULE_CLOCK_PATCH = 'ledger-rule-clock';

/** The patch that keeps one timer per wake across the loop's turns (see WakeTimer). */
const LEDGER_WAKE_TIMER_PATCH = 'ledger-wake-timer';

/** Continue-as-new well before Temporal's 10,000-event warning, so a ledger that runs for the whole pilot keeps a small history. */
const DEFAULT_HISTORY_EVENTS_LIMIT = 4000;

/**
 * The equivalence ledger of one pilot: an entity workflow that keeps admissions in step with
 * readmissions (Q1–Q6). Every fact and command changes the ledger through the pure rules in
 * @oioo/domain, synchronously inside its handler, so the workflow serialises all callers: there is no
 * counter two callers can race on, and Q2 holds at every instant. After every change, at each ISO week
 * boundary (a new week's cap) and at the end of a notice of termination, the loop below attempts a
 * release and tells each EOI's workflow about the places released to it.
 */
export async function equivalenceLedgerWorkflow(input: EquivalenceLedgerInput): Promise<EquivalenceLedgerResult> {
  const snapshot: LedgerSnapshot = input.carried ?? openSnapshot(input.pilotId, input.policy, new Date());
  // A ledger carried from before closed EOIs were kept apart sheds their full records now (no command changes).
  archiveClosedEois(snapshot.ledger);
  // Every rule reads the pilot clock (real time unless a demonstration compresses it), held to the window of
  // the ledger's own timers (ledgerRuleNow). A ledger begun before that change replays on the pilot clock.
  if (patched(LEDGER_RULE_CLOCK_PATCH)) startLedgerRuleClock(snapshot, pilotNow(snapshot, workflowInfo().runStartTime));
  const now = () => ledgerRuleNow(snapshot, new Date());
  if (workflowInfo().workflowId !== ledgerWorkflowId(snapshot.ledger.pilotId)) {
    // One ledger per pilot: under any other ID a second ledger could count the same pilot's places.
    reject(LedgerErrorCode.InvalidInput, `the ledger of ${snapshot.ledger.pilotId} runs as ${ledgerWorkflowId(snapshot.ledger.pilotId)}`);
  }
  // Every signal and update tells the waiting loop, so it wakes to deliver what they released.
  const news = NewsWatch.open();

  const onFact = <Input>(signal: SignalDefinition<[Input]>, fact: LedgerFact<Input>) =>
    setHandler(signal, (payload) => {
      applyFact(snapshot, fact, payload, now());
      news.signalled();
    });
  onFact(readmissionConfirmedSignal, readmissionConfirmed);
  onFact(grantLapsedSignal, grantLapsed);
  onFact(grantRevokedSignal, grantRevoked);
  onFact(placesRequestWithdrawnSignal, requestWithdrawn);

  const onCommand = <Input extends { commandId: string }, Result>(update: UpdateDefinition<Result, [Input]>, command: LedgerCommand<Input, Result>) =>
    setHandler(
      update,
      (payload) => {
        const result = runCommand(snapshot, command, payload, now());
        news.updated();
        return result;
      },
      { validator: (payload) => validateCommand(snapshot, command, payload, now()) },
    );
  onCommand(requestPlacesUpdate, requestPlacesCommand);
  onCommand(admissionRecordedUpdate, admissionRecordedCommand);
  onCommand(pauseUpdate, pauseCommand);
  onCommand(resumeUpdate, resumeCommand);
  onCommand(noticeOfTerminationUpdate, noticeOfTerminationCommand);

  setHandler(balanceQuery, () => balanceViewOf(snapshot, now()));
  setHandler(weeklyReportQuery, (isoWeek) => reportOf(snapshot, isoWeek, now()));

  // A run begun before the patch keeps a fresh timer per turn, as its history has it.
  const wakeTimer = patched(LEDGER_WAKE_TIMER_PATCH) ? new WakeTimer() : undefined;

  let published = '';
  const publishSearchAttributes = () => {
    const view = searchViewOf(snapshot);
    // Upserts only on change: each one is a history event, and the ledger lives as long as the pilot.
    const fingerprint = JSON.stringify(view);
    if (fingerprint === published) return;
    published = fingerprint;
    upsertSearchAttributes([
      { key: SearchAttributes.caseKind, value: 'ledger' },
      { key: SearchAttributes.caseState, value: view.state },
      { key: SearchAttributes.caseAlerts, value: view.alerts },
      { key: SearchAttributes.nextDeadline, value: view.deadline ? new Date(view.deadline.at) : null },
      { key: SearchAttributes.nextDeadlineRule, value: view.deadline?.rule ?? null },
    ]);
  };

  while (!isFinished(snapshot)) {
    // A new ISO week (a new cap) or the end of a notice can release places with no other news.
    settle(snapshot, now());
    publishSearchAttributes();
    if (snapshot.outbox.length > 0) {
      await deliverReleases(snapshot, now);
      publishSearchAttributes();
      continue;
    }
    if (await publishFinishedWeeks(snapshot, now)) continue;
    if (isFinished(snapshot)) break;
    await continueAsNewIfLong(input, snapshot);
    const seen = news.mark();
    const wake = nextLedgerWake(snapshot.ledger, now());
    // A worker's clock may lag after a restart; the rule clock's reading has certainly passed.
    const from = new Date(Math.max(now().getTime(), pilotNow(snapshot, new Date()).getTime()));
    // A release a handler queued wakes the loop through the news timer; before it, straight from the outbox.
    const heard = news.viaTick ? () => news.heard(seen) : () => news.heard(seen) || snapshot.outbox.length > 0;
    if (wakeTimer) {
      if (await wakeTimer.waitFor(wake, realDelayUntil(snapshot, wake, from), heard)) ledgerWakeSeen(snapshot, wake);
    } else if (!(await condition(heard, realDelayUntil(snapshot, wake, from)))) ledgerWakeSeen(snapshot, wake);
  }
  await publishFinishedWeeks(snapshot, now);

  publishSearchAttributes();
  await condition(allHandlersFinished);
  return resultOf(snapshot, now());
}

/**
 * Tells each EOI's workflow (`eoi:<eoiId>`) about the places released to it. A missing workflow is not
 * fatal: the places stay released and counted (the grant is the EOI case's to issue), and the failed
 * notice is kept in the balance and flagged in search attributes for an operator.
 */
async function deliverReleases(snapshot: LedgerSnapshot, now: () => Date): Promise<void> {
  const batch = [...snapshot.outbox];
  await Promise.all(
    batch.map(async (notice) => {
      try {
        await getExternalWorkflowHandle(eoiWorkflowId(notice.eoiId)).signal(placesReleasedSignal, notice);
        releaseDelivered(snapshot, notice);
      } catch (error) {
        if (isCancellation(error)) throw error;
        releaseUndelivered(snapshot, notice, now(), error instanceof Error ? error.message : String(error));
      }
    }),
  );
}

/**
 * Q3: publishes each finished ISO week's report once, oldest first, for the joint committee. True when it
 * published anything, so the loop looks again (a ledger that slept long catches up a few weeks at a time).
 */
async function publishFinishedWeeks(snapshot: LedgerSnapshot, now: () => Date): Promise<boolean> {
  const due = weeksToReport(snapshot, now());
  for (const isoWeek of due) {
    await outside.publishWeeklyReport(reportEventOf(snapshot, isoWeek, now(), new Date()));
    snapshot.reportedThrough = isoWeek;
  }
  return due.length > 0;
}

/** Starts a fresh run carrying the snapshot once the history grows long; handlers finish first so no command is lost. */
async function continueAsNewIfLong(input: EquivalenceLedgerInput, snapshot: LedgerSnapshot): Promise<void> {
  const info = workflowInfo();
  if (!info.continueAsNewSuggested && info.historyLength < (input.historyEventsLimit ?? DEFAULT_HISTORY_EVENTS_LIMIT)) return;
  await condition(allHandlersFinished);
  measureCarriedState(snapshot);
  await continueAsNew<typeof equivalenceLedgerWorkflow>({
    pilotId: snapshot.ledger.pilotId,
    carried: snapshot,
    ...(input.historyEventsLimit === undefined ? {} : { historyEventsLimit: input.historyEventsLimit }),
  });
}
