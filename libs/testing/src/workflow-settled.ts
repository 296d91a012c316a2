import { type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { EventType } = temporal.api.enums.v1;

/** The longest timer counted as a news tick (NewsWatch in @oioo/workflows-platform runs 1 ms). */
const NEWS_TICK_MAX_NANOS = 1_000_000;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

function isNewsTick(event: HistoryEvent): boolean {
  const timeout = event.timerStartedEventAttributes?.startToFireTimeout;
  return timeout != null && Number(timeout.seconds ?? 0) === 0 && (timeout.nanos ?? 0) <= NEWS_TICK_MAX_NANOS;
}

/** True while the history shows a workflow task in flight or a news tick that has not fired: the workflow is still reacting. */
export function isStillReacting(events: readonly HistoryEvent[]): boolean {
  const last = events.at(-1)?.eventType;
  if (last === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED || last === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) return true;
  const ended = new Set(events.flatMap((event) => [event.timerFiredEventAttributes?.timerId, event.timerCanceledEventAttributes?.timerId]).filter(Boolean));
  return events.some((event) => isNewsTick(event) && !ended.has(event.timerStartedEventAttributes?.timerId));
}

/**
 * Waits until a workflow has finished reacting to what it was told: no workflow task in flight and no news tick
 * pending (a workflow wakes to news through a 1 ms timer). Tests read search attributes and activity calls after
 * this, and terminate only a settled workflow (the time-skipping test server stops skipping time for good when a
 * workflow is terminated in the middle of a task).
 */
export async function workflowSettled(client: Client, workflowId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    if (!isStillReacting(history.events ?? [])) return;
    if (Date.now() > deadline) throw new Error(`workflow ${workflowId} is still reacting after ${timeoutMs} ms`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
  }
}

/** Terminates a test's workflow once it has settled (see {@link workflowSettled}). */
export async function terminateSettled(client: Client, workflowId: string, reason = 'test finished'): Promise<void> {
  await workflowSettled(client, workflowId);
  await client.workflow.getHandle(workflowId).terminate(reason);
}
