import { type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { cachedWorkflowBundle } from './workflow-bundles';

type History = temporal.api.history.v1.IHistory;

/**
 * A copy of a history in which every workflow task after the first started on the clock of the task
 * before it: the clock a worker can be handed when it picks a case up after a restart (the short chaos run
 * of issue 11 recorded one). A workflow whose decisions read only its own timers replays it unchanged.
 */
export function withLaggingTaskClocks(history: History): temporal.api.history.v1.History {
  const copy = temporal.api.history.v1.History.fromObject(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history)));
  let previousStart: temporal.api.history.v1.IHistoryEvent['eventTime'];
  for (const event of copy.events) {
    if (!event.workflowTaskStartedEventAttributes) continue;
    const ownStart = event.eventTime;
    if (previousStart) event.eventTime = previousStart;
    previousStart = ownStart;
  }
  return copy;
}

/**
 * Replays a workflow's history from the server with every workflow task on the clock of the task before it
 * (see {@link withLaggingTaskClocks}), against the workflows bundled from `workflowsPath`; rejects on nondeterminism.
 */
export async function replayOnLaggingClocks(client: Client, workflowId: string, workflowsPath: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: await cachedWorkflowBundle(workflowsPath) }, withLaggingTaskClocks(history), workflowId);
}
