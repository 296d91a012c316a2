import { temporal } from '@temporalio/proto';

/** The SDK flag under which a worker applies an activation's signals and Updates in one batch (ProcessWorkflowActivationJobsAsSingleBatch). */
const SINGLE_BATCH_FLAG = 2;

/**
 * A copy of a history whose workflow tasks do not record the single-batch flag, so a replay applies each task's
 * signals in a batch of their own before its other jobs, as the TypeScript SDK does for tasks recorded without it.
 * A workflow whose commands are the same either way replays it; one whose loop reacts straight from a signal
 * handler does not, when a task carried a signal and an Update together (see NewsWatch in @oioo/workflows-platform).
 */
export function withSignalsBatchedApart(history: temporal.api.history.v1.IHistory): temporal.api.history.v1.History {
  const copy = temporal.api.history.v1.History.fromObject(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history)));
  for (const event of copy.events) {
    const metadata = event.workflowTaskCompletedEventAttributes?.sdkMetadata;
    if (metadata?.langUsedFlags) metadata.langUsedFlags = metadata.langUsedFlags.filter((flag) => flag !== SINGLE_BATCH_FLAG);
  }
  return copy;
}

/** True when some workflow task of the history both saw a signal and accepted an Update: the shape whose replay depends on batching. */
export function hasTaskWithSignalAndUpdate(history: temporal.api.history.v1.IHistory): boolean {
  const { EventType } = temporal.api.enums.v1;
  let signalSinceLastTask = false;
  let acceptingAfterCompletion = false;
  for (const event of history.events ?? []) {
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        signalSinceLastTask = true;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        acceptingAfterCompletion = signalSinceLastTask;
        signalSinceLastTask = false;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        if (acceptingAfterCompletion) return true;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
        acceptingAfterCompletion = false;
        break;
      default:
        break;
    }
  }
  return false;
}

/** The ids of the patches a history recorded (`patched()` markers), in order. */
export function patchesRecorded(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((event) => {
    const data = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    if (!data) return [];
    const { id } = JSON.parse(Buffer.from(data).toString('utf8')) as { id?: string };
    return id ? [id] : [];
  });
}
