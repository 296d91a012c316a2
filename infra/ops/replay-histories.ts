import { join } from 'node:path';
import { type Client } from '@temporalio/client';
import { type DataConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { bundleWorkflowsForWorker } from '@oioo/temporal';
import { REPO_ROOT } from '../stack/repo-paths';
import { type OpsOutput } from './ops-output';

/** The worker's workflows module, the entry its bundle is built from (by path: an app is not imported from here). */
const WORKFLOWS_ENTRY = join(REPO_ROOT, 'workflows', 'worker', 'src', 'workflows.ts');

/** How one workflow's history replayed. */
export interface ReplayOutcome {
  workflowId: string;
  runId: string;
  ok: boolean;
  error?: string;
}

/**
 * Replays the histories a query selects against the workflow code a release would deploy: the bundle at
 * WORKER_WORKFLOW_BUNDLE when set (what production workers load), else this checkout's workflows bundled
 * as the worker bundles them. Histories are fetched through the client, so their payloads are decoded with
 * the codec keys, as a worker sees them.
 */
export async function replayHistories(client: Client, request: { query: string; limit: number; bundlePath?: string; dataConverter: DataConverter }, output: OpsOutput): Promise<ReplayOutcome[]> {
  output.progress(request.bundlePath ? `replay: using the workflow bundle ${request.bundlePath}` : 'replay: bundling this checkout\'s workflow code ...');
  const workflowBundle = request.bundlePath ? { codePath: request.bundlePath } : { code: (await bundleWorkflowsForWorker({ workflowsPath: WORKFLOWS_ENTRY })).code };
  const histories = limited(client.workflow.list({ query: request.query }).intoHistories(), request.limit);
  const outcomes: ReplayOutcome[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter: request.dataConverter }, histories)) {
    outcomes.push({ workflowId: result.workflowId, runId: result.runId, ok: !result.error, ...(result.error ? { error: String(result.error.message ?? result.error).split('\n')[0]?.slice(0, 300) } : {}) });
    if (outcomes.length % 25 === 0) output.progress(`replay: ${outcomes.length} histories replayed ...`);
  }
  return outcomes;
}

/** The first `limit` items of an async iterable. */
async function* limited<T>(items: AsyncIterable<T>, limit: number): AsyncIterable<T> {
  let count = 0;
  for await (const item of items) {
    if (count >= limit) return;
    count += 1;
    yield item;
  }
}
