// The readmission cases the step is taken on, and the same step sent straight to Temporal.
import { randomUUID } from 'node:crypto';
import { type Client } from '@temporalio/client';
import { SearchAttributes, readmissionWorkflowId } from '@oioo/contracts';
import { personByUsername } from '@oioo/local-oidc';
import { type ArrivalRecordedSignalInput, type ReadmissionCaseState, arrivalRecordedSignal, caseViewQuery, readmissionCaseWorkflow, recordScreeningUpdate } from '@oioo/workflows-readmission';
import { BENCH_TASK_QUEUE } from './bench-worker';
import { measure } from './measure';

/** The person who takes the step: a caseworker of the team the cases are given. */
export const CASEWORKER = personByUsername('alice');
/** The team the cases are given: alice's, so the API lets her take the step on them. */
export const TEAM = 'south-east';
/** The step's body, the same on both paths. */
export const SCREENING = { age: 'adult', vulnerabilities: [] } satisfies { age: 'adult'; vulnerabilities: string[] };
/** The state the step moves a case to, which every answer must name. */
export const NEXT_STATE: ReadmissionCaseState = 'awaiting-selection';
/** Cases started at once while preparing a series (not measured). */
const SETUP_CONCURRENCY = 8;

/** The two ways the same step reaches the workflow. */
export type Path = 'api' | 'direct';
/** Both paths, in the order a series' first block takes them (the next block reverses it). */
export const PATHS: readonly Path[] = ['api', 'direct'];

/** The Update the API sends, sent by the benchmark's own client with the caseworker's staff id as actor. */
export async function directScreening(client: Client, caseId: string): Promise<void> {
  const result = await client.workflow.getHandle(readmissionWorkflowId(caseId)).executeUpdate(recordScreeningUpdate, {
    args: [{ commandId: `cmd_${randomUUID().replaceAll('-', '')}`, actor: (CASEWORKER as NonNullable<typeof CASEWORKER>).sub, age: SCREENING.age, vulnerabilities: [...SCREENING.vulnerabilities] }],
  });
  if (JSON.stringify(result) !== JSON.stringify({ state: NEXT_STATE })) throw new Error(`the Update answered ${JSON.stringify(result)} for ${caseId}, not { state: '${NEXT_STATE}' }`);
}

/** Fresh cases for each path, started as identity starts them and waiting in `screening`. */
export async function prepareCases(client: Client, perPath: number): Promise<Record<Path, string[]>> {
  const ids = await freshCases(client, perPath * 2);
  return { api: ids.slice(0, perPath), direct: ids.slice(perPath) };
}

/** `count` new cases, each waiting in `screening`. */
export async function freshCases(client: Client, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `case_BENCH${opaque(20)}`);
  await measure(ids.length, SETUP_CONCURRENCY, (index) => openCase(client, ids[index] as string));
  await measure(ids.length, SETUP_CONCURRENCY, (index) => waitForState(client, ids[index] as string, 'screening'));
  return ids;
}

/** Signal-with-start with Border Force's arrival (without the biometric template) and identity's screening, on team south-east. */
export function openCase(client: Client, caseId: string, taskQueue: string = BENCH_TASK_QUEUE) {
  const signal: ArrivalRecordedSignalInput = {
    eventId: randomUUID(),
    arrival: {
      caseId,
      personId: `per_BENCH${opaque(20)}`,
      arrivedAt: new Date().toISOString(),
      route: 'apprehended',
      departedFrom: 'FR',
      crossingEvidence: [{ kind: 'interception-record', reference: `int_BENCH${opaque(12)}` }],
    },
    screening: { reEntry: false, enrolmentReference: `enr_BENCH${opaque(20)}` },
  };
  return client.workflow.signalWithStart(readmissionCaseWorkflow, {
    taskQueue,
    workflowId: readmissionWorkflowId(caseId),
    args: [{ caseId }],
    signal: arrivalRecordedSignal,
    signalArgs: [signal],
    typedSearchAttributes: [{ key: SearchAttributes.caseTeam, value: TEAM }],
  });
}

/** Waits until the case's view is in `state` (a query may fail until the case's first workflow task has run). */
export async function waitForState(client: Client, caseId: string, state: ReadmissionCaseState): Promise<void> {
  const handle = client.workflow.getHandle(readmissionWorkflowId(caseId));
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  for (;;) {
    const view = await handle.query(caseViewQuery).catch((error: unknown) => {
      last = error instanceof Error ? error.message : String(error);
      return undefined;
    });
    if (view?.state === state) return;
    if (view && view.state !== 'awaiting-arrival') throw new Error(`case ${caseId} is in ${view.state}, not ${state}`);
    if (view) last = `state ${view.state}`;
    if (Date.now() > deadline) throw new Error(`case ${caseId} did not reach ${state} in 60 s (${last})`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
  }
}

/** After a series: every case moved on once, to the next state, with the caseworker as the one who screened it. */
export async function checkScreened(client: Client, caseIds: readonly string[]): Promise<void> {
  await measure(caseIds.length, SETUP_CONCURRENCY, async (index) => {
    const caseId = caseIds[index] as string;
    const view = await client.workflow.getHandle(readmissionWorkflowId(caseId)).query(caseViewQuery);
    const screened = view.timeline.filter((entry) => entry.what === 'screened');
    if (view.state !== NEXT_STATE || screened.length !== 1 || screened[0]?.by !== CASEWORKER?.sub) {
      throw new Error(`case ${caseId} ended the series in ${view.state} with ${screened.length} screenings (${screened.map((entry) => entry.by).join(', ')})`);
    }
  });
}

/** The events the step added to a case's history: from the workflow task that took the Update to the end. */
export async function stepEvents(client: Client, caseId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(readmissionWorkflowId(caseId)).fetchHistory();
  const names = (history.events ?? []).map((event) => {
    const attributes = Object.entries(event).find(([key, value]) => key.endsWith('EventAttributes') && value);
    return attributes ? attributes[0].replace(/EventAttributes$/, '') : 'unknown';
  });
  const accepted = names.indexOf('workflowExecutionUpdateAccepted');
  if (accepted < 0) throw new Error(`case ${caseId} has no accepted Update in its history`);
  return names.slice(Math.max(names.lastIndexOf('workflowTaskScheduled', accepted), 0));
}

/** `length` random letters and digits: the body of an opaque id (`case_…`, 10–40 of them), unique to this run. */
export function opaque(length: number): string {
  return randomUUID().replaceAll('-', '').slice(0, length).toUpperCase();
}
