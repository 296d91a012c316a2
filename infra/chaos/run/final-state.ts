import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Client } from '@temporalio/client';
import { type HistoryWriter, type WorkflowView } from '../history';
import { type LedgerWatch } from './ledger-watch';
import { type ReadView, readWorkflowView } from './workflow-views';

/** Views per `workflow-views` record, so no line of the history grows without bound. */
const VIEWS_PER_RECORD = 100;
/** Workflows read at once: each read waits on the server (histories, queries answered by a worker), so more than the cores. */
const PARALLEL_READS = 16;
/** How often reading the final state reports its progress. */
const PROGRESS_EVERY = 1_000;

/**
 * Records the final state: the view of every workflow the run's events could have opened (every case id an
 * arrival named, second records too, so a case opened twice shows; every EOI), the ledger's own view, and the
 * ledger's history with the handovers and arrivals taken from the cases (never from the ledger, Q1).
 */
export async function recordFinalState(options: {
  client: Client;
  history: HistoryWriter;
  caseIds: Iterable<string>;
  eoiIds: Iterable<string>;
  ledger: LedgerWatch;
  /** Where to save the event history of a workflow whose query failed, for a replay test to reproduce it. */
  failedHistoriesDir?: string;
  /** Progress, every {@link PROGRESS_EVERY} workflows read (a year's run reads tens of thousands). */
  log?: (line: string) => void;
}): Promise<QueryFailure[]> {
  const { client, history, ledger } = options;
  const targets = [
    ...[...options.caseIds].map((id) => ({ kind: 'readmission' as const, id })),
    ...[...options.eoiIds].map((id) => ({ kind: 'eoi' as const, id })),
    { kind: 'ledger' as const, id: ledger.pilotId },
  ];
  const read: ReadView[] = [];
  const startedAt = Date.now();
  for (let index = 0; index < targets.length; index += PARALLEL_READS) {
    const batch = await Promise.all(targets.slice(index, index + PARALLEL_READS).map((target) => readWorkflowView(client, target.kind, target.id)));
    for (const view of batch) if (view) read.push(view);
    const done = Math.min(index + PARALLEL_READS, targets.length);
    if (done % PROGRESS_EVERY < PARALLEL_READS || done === targets.length) options.log?.(`final state: ${done} of ${targets.length} workflows read (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  }
  const views: WorkflowView[] = read.map((entry) => entry.view);
  for (let index = 0; index < views.length; index += VIEWS_PER_RECORD) await history.append({ type: 'workflow-views', views: views.slice(index, index + VIEWS_PER_RECORD) });
  await ledger.stop();
  if (ledger.failedPolls > 0) options.log?.(`ledger: ${ledger.failedPolls} of its balance polls failed during the run; the last: ${ledger.lastFailure}`);
  await history.append({
    type: 'ledger-history',
    pilotId: ledger.pilotId,
    steps: ledger.steps,
    handedOver: read.filter((entry) => entry.handedOver).map((entry) => entry.view.caseId),
    arrived: read.flatMap((entry) => entry.arrivedPeople.map((personId) => ({ eoiId: entry.view.caseId, personId }))),
  });
  const failures: QueryFailure[] = [];
  for (const entry of read) {
    if (entry.queryFailure === undefined) continue;
    const failure: QueryFailure = { workflowId: entry.view.workflowId, runId: entry.view.runId ?? '', reason: entry.queryFailure };
    if (options.failedHistoriesDir) {
      const path = join(options.failedHistoriesDir, `${entry.view.workflowId.replace(/[^A-Za-z0-9_-]/g, '_')}.history.json`);
      // Best effort: the finding is reported whether or not its history can be saved.
      try {
        const events = await client.workflow.getHandle(entry.view.workflowId, entry.view.runId).fetchHistory();
        await writeFile(path, JSON.stringify(events));
        failure.historyPath = path;
      } catch {
        failure.historyPath = undefined;
      }
    }
    failures.push(failure);
  }
  return failures;
}

/** A workflow whose own query failed when the final state was read (its replay failed): a finding to report. */
export interface QueryFailure {
  workflowId: string;
  runId: string;
  reason: string;
  /** Its event history as protobufjs JSON (payloads still encoded), to reproduce the failed replay. */
  historyPath?: string;
}
