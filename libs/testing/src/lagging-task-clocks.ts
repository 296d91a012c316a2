import { temporal } from '@temporalio/proto';

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
