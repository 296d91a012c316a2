import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { type temporal } from '@temporalio/proto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the step a case waits for is the casework API's rule; the recorder reports it the same way.
import { waitingStepOf } from '@oioo/casework';
import { SearchAttributes, eoiWorkflowId, ledgerWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import { balanceQuery } from '@oioo/workflows-equivalence-ledger';
import { type EoiCaseView, eoiCaseViewQuery } from '@oioo/workflows-eoi';
import { type ReadmissionCaseView, caseViewQuery } from '@oioo/workflows-readmission';
import { type TimelineCommand, type WorkflowView } from '../history';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** S1: the part each four-eyes step plays; a review that does not approve sends the proposal back. */
const FOUR_EYES: Readonly<Record<string, { decision: 'inadmissibility' | 'removal-directions' | 'eoi-grant'; role: 'propose' | 'review' }>> = {
  proposeInadmissibility: { decision: 'inadmissibility', role: 'propose' },
  reviewInadmissibility: { decision: 'inadmissibility', role: 'review' },
  proposeRemovalDirections: { decision: 'removal-directions', role: 'propose' },
  reviewRemovalDirections: { decision: 'removal-directions', role: 'review' },
  proposeDecision: { decision: 'eoi-grant', role: 'propose' },
  reviewDecision: { decision: 'eoi-grant', role: 'review' },
};

/** A case's final view with what the final-state records need of it beyond the view: its people who arrived (EOI). */
export interface ReadView {
  view: WorkflowView;
  /** Readmission: France confirmed the handover (Q1). */
  handedOver: boolean;
  /** EOI: the people who arrived at the UK border on its grant (E5, Q1). */
  arrivedPeople: string[];
  /** Why the case's own query failed, when it did (the view then holds the state from its search attributes). */
  queryFailure?: string;
}

/**
 * Reads a workflow's final view from Temporal itself: its state from the case's own query (a completed
 * readmission case: the state it published last, as a search attribute), and its
 * caseworker commands and pending timers from its event history (every run of a continue-as-new chain),
 * not from any service's account. A caseworker step is an Update accepted and completed successfully whose
 * input names an actor; an Update repeating a command id the workflow already holds changes nothing (the
 * workflow answers it from its record), so it is listed once. Undefined when no such workflow exists.
 */
export async function readWorkflowView(client: Client, kind: 'readmission' | 'eoi' | 'ledger', id: string): Promise<ReadView | undefined> {
  const workflowId = kind === 'readmission' ? readmissionWorkflowId(id) : kind === 'eoi' ? eoiWorkflowId(id) : ledgerWorkflowId(id);
  let description;
  try {
    description = await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
  const closed = description.status.name !== 'RUNNING';
  const runs = await runChain(client, workflowId, description.raw.workflowExecutionInfo?.firstRunId || description.runId);
  const commands: TimelineCommand[] = [];
  const seen = new Set<string>();
  let pendingTimers = 0;
  for (const [index, events] of runs.entries()) {
    for (const command of await caseworkerCommands(client, events)) {
      if (seen.has(command.commandId)) continue;
      seen.add(command.commandId);
      commands.push(command);
    }
    if (index === runs.length - 1 && !closed) pendingTimers = pendingTimersOf(events);
  }
  const base = { workflowId, runId: description.runId, kind, caseId: id, closed, commands, pendingTimers };
  if (kind === 'ledger') {
    const ledger = { view: { ...base, state: closed ? 'closed' : 'open', waitingOnPerson: false }, handedOver: false, arrivedPeople: [] };
    // The ledger's own query proves it still replays: one stuck on a nondeterministic replay counts nothing more (Q1).
    const queryFailure = closed ? undefined : await client.workflow.getHandle(workflowId).query(balanceQuery).then(() => undefined, describeFailure);
    return queryFailure === undefined ? ledger : { ...ledger, queryFailure };
  }
  if (kind === 'readmission' && description.status.name === 'COMPLETED') {
    // A completed case published its final state as a search attribute just before it completed; asking its query
    // would replay the whole history on a worker, the bulk of reading a year's final state. Other cases are asked.
    const state = description.typedSearchAttributes.get(SearchAttributes.caseState) ?? 'unknown';
    return { view: { ...base, state, waitingOnPerson: false }, handedOver: state === 'transferred', arrivedPeople: [] };
  }
  let queried: ReadmissionCaseView | EoiCaseView;
  try {
    const handle = client.workflow.getHandle(workflowId);
    queried = kind === 'readmission' ? await handle.query(caseViewQuery) : await handle.query(eoiCaseViewQuery);
  } catch (error) {
    // A query replays the workflow on a worker; when that fails (a nondeterministic replay) the state is the one
    // the workflow last published as a search attribute, and the failure is reported, never hidden.
    const state = description.typedSearchAttributes.get(SearchAttributes.caseState) ?? 'unknown';
    return { view: { ...base, state, waitingOnPerson: !closed && waitingStepOf(kind, state) !== undefined }, handedOver: state === 'transferred', arrivedPeople: [], queryFailure: describeFailure(error) };
  }
  if (kind === 'readmission') {
    const view = queried as ReadmissionCaseView;
    return {
      view: { ...base, state: view.state, waitingOnPerson: !closed && (waitingStepOf('readmission', view.state) !== undefined || view.escalated), ...(view.nextDeadline ? { nextDeadline: view.nextDeadline.at } : {}) },
      handedOver: view.state === 'transferred',
      arrivedPeople: [],
    };
  }
  const view = queried as EoiCaseView;
  return {
    view: { ...base, state: view.state, waitingOnPerson: !closed && (waitingStepOf('eoi', view.state) !== undefined || view.escalated), ...(view.nextDeadline ? { nextDeadline: view.nextDeadline.at } : {}) },
    handedOver: false,
    arrivedPeople: view.people.filter((person) => person.arrivedAt !== undefined).map((person) => person.personId),
  };
}

/** The event histories of a continue-as-new chain's runs, first to latest (each read once). */
async function runChain(client: Client, workflowId: string, firstRunId: string): Promise<HistoryEvent[][]> {
  const runs: HistoryEvent[][] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const events: HistoryEvent[] = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    runs.push(events);
    runId = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId || undefined;
  }
  return runs;
}

/** The caseworker steps a run's history holds, in history order. */
async function caseworkerCommands(client: Client, events: HistoryEvent[]): Promise<TimelineCommand[]> {
  const succeeded = new Set<string>();
  for (const event of events) {
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed?.meta?.updateId && completed.outcome?.success) succeeded.add(completed.meta.updateId);
  }
  const commands: TimelineCommand[] = [];
  for (const event of events) {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    const updateId = accepted?.meta?.updateId;
    const step = accepted?.input?.name;
    if (!updateId || !step || !succeeded.has(updateId)) continue;
    const [input] = (await decodeArrayFromPayloads(client.options.loadedDataConverter, accepted.input?.args?.payloads)) as [Record<string, unknown> | undefined];
    if (typeof input?.['actor'] !== 'string' || typeof input['commandId'] !== 'string') continue;
    const part = FOUR_EYES[step];
    commands.push({
      commandId: input['commandId'],
      step,
      actor: input['actor'],
      at: instantOf(event),
      ...(part ? { fourEyes: { decision: part.decision, role: part.role === 'propose' ? 'propose' : input['approve'] === true ? 'approve' : 'send-back' } } : {}),
    });
  }
  return commands;
}

/** Timers started and neither fired nor cancelled. */
function pendingTimersOf(events: HistoryEvent[]): number {
  const pending = new Set<string>();
  for (const event of events) {
    const started = event.timerStartedEventAttributes?.timerId;
    if (started) pending.add(started);
    const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (ended) pending.delete(ended);
  }
  return pending.size;
}

function instantOf(event: HistoryEvent): string {
  const seconds = Number(event.eventTime?.seconds ?? 0);
  const nanos = event.eventTime?.nanos ?? 0;
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
}

/** The error's name and first line: harness text, no personal data (workflow errors name ids and rules only). */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split('\n')[0]?.slice(0, 300) ?? 'unknown';
}
