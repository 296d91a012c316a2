import { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

/** A workflow whose latest task fails on non-determinism, and the task to run again live to get past it. */
export interface DivergedTask {
  /** The `WorkflowTaskFailed` event that reported it. */
  failedEventId: number;
  /** The first event the code no longer produces, as the error names it (`HistoryEvent(id: N, ...)`). */
  namedEventId: number;
  /** The `WorkflowTaskCompleted` event just before it: the reset point, whose task then runs again live. */
  resetEventId: number;
  /** The error's first line, for the log and the reset's reason. */
  message: string;
}

const NAMED_EVENT = /HistoryEvent\(id: (\d+)/;

/**
 * Reads the tail of a history, newest event first (as `GetWorkflowExecutionHistoryReverse` returns it), and
 * says whether its latest workflow task failed on non-determinism at an event inside that tail, and where to
 * reset. Undefined when a task completed after the failure, the failure has another cause or names no event,
 * or the event it names lies before the tail: a divergence that old is a release's, for a person to judge.
 */
export function divergedTaskOf(newestFirst: readonly HistoryEvent[]): DivergedTask | undefined {
  const failed = newestFirst.find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED || event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const attributes = failed?.workflowTaskFailedEventAttributes;
  if (!failed || !attributes || attributes.cause !== WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR) return undefined;
  const message = (attributes.failure?.message ?? '').split('\n')[0] ?? '';
  const named = NAMED_EVENT.exec(message);
  if (!named) return undefined;
  const namedEventId = Number(named[1]);
  const reset = newestFirst.find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && Number(event.eventId) < namedEventId);
  if (!reset) return undefined;
  return { failedEventId: Number(failed.eventId), namedEventId, resetEventId: Number(reset.eventId), message };
}
