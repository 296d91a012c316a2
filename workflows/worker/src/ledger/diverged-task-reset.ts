import { createHash } from 'node:crypto';
import Long from 'long';
import type { Client } from '@temporalio/client';
import type { Logger } from '@oioo/config';
import { divergedTaskOf, type DivergedTask } from './diverged-task';

/** How many of the newest events are read: the SDK's divergences named an event a few dozen events back. */
const TAIL_EVENTS = 500;

/** What one check of a workflow found and did. */
export type DivergenceCheck =
  | { outcome: 'healthy' }
  | { outcome: 'reset'; runId: string; newRunId: string; task: DivergedTask }
  | { outcome: 'left'; runId: string; reason: string };

/** The part of a Temporal client the check uses: describe, read a history backwards, reset. */
export type DivergenceClient = Pick<Client, 'workflowService' | 'options'>;

/**
 * Checks one workflow and, when its latest task keeps failing on non-determinism at a recent event, resets it
 * to the task just before that event, so the task runs again live and the signals and Updates after it are
 * re-applied (the server's default). This is the runbook's remedy (docs/operations.md, WorkflowNonDeterminism)
 * for the divergence the chaos runs met on unchanged code (docs/design-notes.md), done at once instead of
 * leaving every EOI waiting for a person. A divergence older than the last {@link TAIL_EVENTS} events, or any
 * other failure, is left for a person. The reset's request id is derived from the run and the reset point, so
 * two workers that find the same divergence reset it once.
 */
export async function resetDivergedTask(client: DivergenceClient, workflowId: string, logger: Logger): Promise<DivergenceCheck> {
  const namespace = client.options.namespace;
  const described = await client.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId } });
  const runId = described.workflowExecutionInfo?.execution?.runId ?? '';
  // A task that failed has been retried: attempt 2 or more. Anything else costs one describe and nothing more.
  if (!runId || (described.pendingWorkflowTask?.attempt ?? 0) < 2) return { outcome: 'healthy' };
  const tail = await client.workflowService.getWorkflowExecutionHistoryReverse({ namespace, execution: { workflowId, runId }, maximumPageSize: TAIL_EVENTS });
  const task = divergedTaskOf(tail.history?.events ?? []);
  if (!task) return { outcome: 'left', runId, reason: 'its workflow task is retrying, but not on a recent non-determinism error' };
  const reason = `automatic reset of a diverged task: ${task.message.slice(0, 200)} (see WorkflowNonDeterminism in docs/operations.md)`;
  const reset = await client.workflowService.resetWorkflowExecution({
    namespace,
    workflowExecution: { workflowId, runId },
    reason,
    workflowTaskFinishEventId: Long.fromNumber(task.resetEventId),
    requestId: resetRequestId(runId, task.resetEventId),
  });
  const newRunId = reset.runId ?? '';
  logger.warn('workflow reset past a diverged task', { workflowId, runId, newRunId, namedEventId: task.namedEventId, resetEventId: task.resetEventId });
  return { outcome: 'reset', runId, newRunId, task };
}

/** The same for every worker that finds the same divergence, so the server applies the reset once. */
function resetRequestId(runId: string, resetEventId: number): string {
  const hex = createHash('sha256').update(`${runId}/${resetEventId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Runs {@link resetDivergedTask} on the workflow every `intervalMs`, one check at a time, until the returned
 * function is called. A failed check (the server away) is logged and tried again at the next interval.
 */
export function watchForDivergedTask(client: DivergenceClient, workflowId: string, intervalMs: number, logger: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    resetDivergedTask(client, workflowId, logger)
      .then((check) => {
        if (check.outcome === 'left') logger.warn('workflow task failing; left for an operator', { workflowId, runId: check.runId, reason: check.reason });
      })
      .catch((error: unknown) => logger.warn('divergence check failed; trying again', { workflowId, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
