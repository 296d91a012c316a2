import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { eoiWorkflowId, ledgerWorkflowId } from '@oioo/contracts';
import { DeterminismViolationError } from '@temporalio/workflow';
import { cachedWorkflowBundle, installQuietTemporalRuntime, patchesRecorded, readHistoryFile, withSignalsBatchedApart } from '@oioo/testing';
import { WORKFLOWS_ENTRY } from '@oioo/worker';

const HISTORIES_DIR = join(__dirname, 'histories');
const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));
/** Histories of runs whose loops wake to news through a timer (NewsWatch): their commands must not depend on how the SDK batches a task's jobs. */
const newsTickFiles = files.filter((file) => patchesRecorded(readHistoryFile(join(HISTORIES_DIR, file))).includes('news-tick'));

/**
 * The workflow ID the history ran under, from its recorded input (histories are recorded without the
 * codec): the ledger refuses to run under any ID but its own, so replay must use the real one.
 */
function workflowIdOf(file: string, history: temporal.api.history.v1.History): string {
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
  const input = payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { pilotId?: string; eoiId?: string }) : {};
  if (file.startsWith('ledger-') && input.pilotId) return ledgerWorkflowId(input.pilotId);
  if (file.startsWith('eoi-') && input.eoiId) return eoiWorkflowId(input.eoiId);
  return file;
}

describe('replay of recorded histories against the current workflow code', () => {
  it('has recorded histories of every workflow kind to replay', () => {
    expect(files.filter((file) => file.startsWith('readmission-')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((file) => file.startsWith('eoi-')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((file) => file.startsWith('ledger-')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    installQuietTemporalRuntime();
    const history = readHistoryFile(join(HISTORIES_DIR, file));
    // The worker's own bundle entry: the code production workers run.
    await Worker.runReplayHistory({ workflowBundle: await cachedWorkflowBundle(WORKFLOWS_ENTRY) }, history, workflowIdOf(file, history));
  });

  it('has histories recorded with the news tick for every workflow kind', () => {
    for (const kind of ['readmission-', 'eoi-', 'ledger-']) expect(newsTickFiles.filter((file) => file.startsWith(kind)).length).toBeGreaterThanOrEqual(1);
  });

  it.each(newsTickFiles)('%s replays the same with each task’s signals applied in a batch of their own', async (file) => {
    installQuietTemporalRuntime();
    const history = readHistoryFile(join(HISTORIES_DIR, file));
    await Worker.runReplayHistory({ workflowBundle: await cachedWorkflowBundle(WORKFLOWS_ENTRY) }, withSignalsBatchedApart(history), workflowIdOf(file, history));
  });

  it('the batching check fails a case whose loop woke straight from its handlers (a history recorded before the news tick)', async () => {
    installQuietTemporalRuntime();
    const file = 'readmission-held-then-released.json';
    const history = readHistoryFile(join(HISTORIES_DIR, file));
    const replay = Worker.runReplayHistory({ workflowBundle: await cachedWorkflowBundle(WORKFLOWS_ENTRY) }, withSignalsBatchedApart(history), workflowIdOf(file, history));
    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
