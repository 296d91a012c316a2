// Filling the server with open readmission cases that wait, cheaply and with progress.
import { type Client } from '@temporalio/client';
import { say } from './bench-report';
import { openCase, opaque } from './casework-cases';
import { measure } from './measure';
import { waitForCount } from './visibility';

/** Signal-with-starts in flight at once while loading. */
const LOAD_CONCURRENCY = Number(process.env['BENCH_OPEN_CASES_LOAD_CONCURRENCY'] ?? 32);
/** Cases per batch; progress and the time limit are checked between batches. */
const BATCH = 1_000;

/** Visibility's count of open readmission cases (every state, every team). */
export const OPEN_CASES_QUERY = `WorkflowType = 'readmissionCaseWorkflow' AND ExecutionStatus = 'Running'`;

/** How a load went: how many cases it added, and how long the starts and the worker's catching up took. */
export interface LoadResult {
  added: number;
  startMs: number;
  settleMs: number;
  /** Set when the time limit stopped the load short of its target. */
  stoppedShort: boolean;
}

/**
 * Starts readmission cases on `taskQueue` (as identity does, each waiting in `screening`) until `target` are open, in
 * batches of `BATCH`, then waits until the worker has run every new case's first task (all counted in
 * `screening`). Stops between batches once `deadline` (epoch ms) has passed.
 */
export async function loadOpenCases(client: Client, target: number, deadline: number, taskQueue: string): Promise<LoadResult> {
  const open = (await client.workflow.count(OPEN_CASES_QUERY)).count;
  const inScreening = (await client.workflow.count(`${OPEN_CASES_QUERY} AND CaseState = 'screening'`)).count;
  const began = performance.now();
  let added = 0;
  let stoppedShort = false;
  while (open + added < target) {
    if (Date.now() > deadline) {
      stoppedShort = true;
      break;
    }
    const size = Math.min(BATCH, target - open - added);
    await measure(size, LOAD_CONCURRENCY, () => openCase(client, `case_LOAD${opaque(20)}`, taskQueue));
    added += size;
    const seconds = (performance.now() - began) / 1000;
    say(`  ${open + added} open cases started (${(added / seconds).toFixed(0)}/s over ${seconds.toFixed(0)} s)`);
  }
  const startMs = performance.now() - began;
  await waitForCount(client, `${OPEN_CASES_QUERY} AND CaseState = 'screening'`, inScreening + added, { pollMs: 1_000, stallMs: 300_000, progress: (count) => say(`  ${count - inScreening} of ${added} new cases in screening`) });
  return { added, startMs, settleMs: performance.now() - began - startMs, stoppedShort };
}
