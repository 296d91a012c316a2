// A readmission case with a long history, and the time to replay one.
import { randomUUID } from 'node:crypto';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { readmissionWorkflowId } from '@oioo/contracts';
import { type TemporalConfig, bundleWorkflowsForWorker, temporalDataConverter, workflowTracingModules } from '@oioo/temporal';
import { arrivalRecordLinkedSignal } from '@oioo/workflows-readmission';
import { opaque } from './casework-cases';

/** A workflow's history as the client fetches it. */
export type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** The bench workflows bundled as the bench worker bundles them, for replay. */
export async function benchBundle(): Promise<Awaited<ReturnType<typeof bundleWorkflowsForWorker>>> {
  return bundleWorkflowsForWorker({ workflowsPath: require.resolve('../workflows/bench-workflows'), workflowInterceptorModules: workflowTracingModules() });
}

/**
 * Lengthens a case's history to at least `events` events with second Border Force records linked to it
 * (R11), each a signal the case notes on its timeline, sent one at a time so each takes its own workflow
 * task, as separate events would. Stays below the 4,000 events at which the case continues as new.
 */
export async function lengthenHistory(client: Client, caseId: string, events: number): Promise<number> {
  const handle = client.workflow.getHandle(readmissionWorkflowId(caseId));
  for (;;) {
    const { historyLength } = await handle.describe();
    if (historyLength >= events) return historyLength;
    const signals = Math.max(Math.ceil((events - historyLength) / 6), 1);
    for (let sent = 0; sent < signals; sent += 1) {
      await handle.signal(arrivalRecordLinkedSignal, { eventId: randomUUID(), recordCaseId: `case_LINK${opaque(20)}`, matchScore: 0.97 });
    }
  }
}

/** The case's history as the server holds it. */
export async function historyOf(client: Client, caseId: string): Promise<History> {
  return client.workflow.getHandle(readmissionWorkflowId(caseId)).fetchHistory();
}

/** Replays a history on the bundle with the production data converter; throws on nondeterminism. Returns the time it took. */
export async function timeReplay(bundle: Awaited<ReturnType<typeof benchBundle>>, config: TemporalConfig, history: History, workflowId: string): Promise<number> {
  const began = performance.now();
  await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: temporalDataConverter(config) }, history, workflowId);
  return performance.now() - began;
}
