import Long from 'long';
import { temporal } from '@temporalio/proto';
import { divergedTaskOf } from './diverged-task';

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const event = (eventId: number, eventType: temporal.api.enums.v1.EventType, more: Partial<HistoryEvent> = {}): HistoryEvent => ({ eventId: Long.fromNumber(eventId), eventType, ...more });
const failed = (eventId: number, message: string, cause = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR) =>
  event(eventId, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, { workflowTaskFailedEventAttributes: { cause, failure: { message } } });
const NDE = '[TMPRL1100] Nondeterminism error: Update machine does not handle this event: HistoryEvent(id: 724, ActivityTaskScheduled)';

/** The 2026-12-07 year run's ledger, newest first: the task of 721-723 diverged; a replay at 764 failed on its 724. */
function divergedLedgerTail(): HistoryEvent[] {
  return [
    event(769, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
    event(768, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
    event(767, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED),
    failed(766, `${NDE}\nstack`),
    event(765, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
    event(764, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
    event(740, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    event(725, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
    event(724, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    event(723, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    event(722, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
    event(712, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
  ];
}

describe('divergedTaskOf', () => {
  it('Q2 finds the event a replay no longer produces and the task just before it, to reset the ledger to', () => {
    expect(divergedTaskOf(divergedLedgerTail())).toEqual({ failedEventId: 766, namedEventId: 724, resetEventId: 723, message: NDE });
  });

  it('finds nothing once a task has completed after the failure: the workflow got past it', () => {
    const tail = divergedLedgerTail();
    tail.unshift(event(770, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    expect(divergedTaskOf(tail)).toBeUndefined();
  });

  it('leaves any other task failure alone (a failing activation, a codec error)', () => {
    const tail = [failed(766, 'fetch failed', WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE), ...divergedLedgerTail().slice(4)];
    expect(divergedTaskOf(tail)).toBeUndefined();
  });

  it('leaves a non-determinism error that names no event alone', () => {
    const tail = [failed(766, '[TMPRL1100] Nondeterminism error: activity type mismatch'), ...divergedLedgerTail().slice(4)];
    expect(divergedTaskOf(tail)).toBeUndefined();
  });

  it('leaves a divergence older than the tail it was given for a person (a release that changed old code)', () => {
    const tail = [failed(766, NDE.replace('724', '12')), ...divergedLedgerTail().slice(4)];
    expect(divergedTaskOf(tail)).toBeUndefined();
  });
});
