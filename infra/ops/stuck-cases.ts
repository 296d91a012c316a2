import { type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SearchAttributes } from '@oioo/contracts';
import { type OpsOutput, humanDuration } from './ops-output';

/** One stuck case and every reason it is listed. */
export interface StuckCase {
  workflowId: string;
  kind: string;
  state: string;
  reasons: string[];
}

/** Thresholds of `stuck`. */
export interface StuckThresholds {
  graceMs: number;
  activityAfterMs: number;
  taskAttempts: number;
  limit: number;
}

type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;

/** Milliseconds since the epoch of a protobuf timestamp (seconds may be a Long). */
function millisOf(timestamp: Timestamp): number | undefined {
  if (!timestamp?.seconds) return undefined;
  return Number(String(timestamp.seconds)) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
}

/** The visibility query of running cases whose next deadline passed before `before`. */
export function pastDeadlineQuery(before: Date): string {
  return `ExecutionStatus = 'Running' AND ${SearchAttributes.nextDeadline.name} < '${before.toISOString()}'`;
}

/** Every running case (readmission, EOI, ledger), for the per-case checks. */
export const RUNNING_CASES_QUERY = `ExecutionStatus = 'Running' AND ${SearchAttributes.caseKind.name} IN ('readmission', 'eoi', 'ledger')`;

/**
 * Finds the cases that need an operator: past a deadline without moving (visibility), and, for each running
 * case up to the limit, a workflow task failing again and again or an activity pending too long or retrying
 * (DescribeWorkflowExecution). Workflow ids are opaque; nothing of a case's content is read.
 */
export async function findStuckCases(client: Client, thresholds: StuckThresholds, output: OpsOutput, now = new Date()): Promise<StuckCase[]> {
  const found = new Map<string, StuckCase>();
  const entry = (info: WorkflowExecutionInfo): StuckCase => {
    let stuck = found.get(info.workflowId);
    if (!stuck) {
      stuck = { workflowId: info.workflowId, kind: String(info.typedSearchAttributes.get(SearchAttributes.caseKind) ?? info.type), state: String(info.typedSearchAttributes.get(SearchAttributes.caseState) ?? '?'), reasons: [] };
      found.set(info.workflowId, stuck);
    }
    return stuck;
  };
  const pollers = new Map<string, Promise<number>>();
  const pollersOf = (taskQueue: string) => {
    let count = pollers.get(taskQueue);
    if (!count) {
      count = client.workflowService
        .describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name: taskQueue }, taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW })
        .then((answer) => answer.pollers?.length ?? 0);
      pollers.set(taskQueue, count);
    }
    return count;
  };

  output.progress('stuck: cases whose next deadline passed without the case moving ...');
  for await (const info of client.workflow.list({ query: pastDeadlineQuery(new Date(now.getTime() - thresholds.graceMs)) })) {
    const deadline = info.typedSearchAttributes.get(SearchAttributes.nextDeadline);
    const rule = info.typedSearchAttributes.get(SearchAttributes.nextDeadlineRule) ?? 'deadline';
    const late = deadline ? humanDuration(now.getTime() - deadline.getTime()) : '?';
    const polled = await pollersOf(info.taskQueue);
    entry(info).reasons.push(`${rule} fell due ${late} ago (${deadline?.toISOString() ?? '?'}) and the case did not move${polled === 0 ? `; no worker polls task queue ${info.taskQueue}` : ''}`);
    if (found.size >= thresholds.limit) break;
  }

  output.progress('stuck: workflow tasks and activities of every running case ...');
  let described = 0;
  for await (const info of client.workflow.list({ query: RUNNING_CASES_QUERY })) {
    if (described >= thresholds.limit) {
      output.progress(`stuck: stopped after ${thresholds.limit} cases (--limit)`);
      break;
    }
    described += 1;
    if (described % 50 === 0) output.progress(`stuck: ${described} cases described ...`);
    const { raw } = await client.workflow.getHandle(info.workflowId, info.runId).describe();
    const reasons: string[] = [];
    const task = raw.pendingWorkflowTask;
    if (task && (task.attempt ?? 1) >= thresholds.taskAttempts) {
      reasons.push(`its workflow task failed ${(task.attempt ?? 1) - 1} times in a row (attempt ${task.attempt}): a bug or non-determinism, see the worker's log`);
    }
    for (const activity of raw.pendingActivities ?? []) {
      const name = activity.activityType?.name ?? 'activity';
      const scheduled = millisOf(activity.scheduledTime as Timestamp) ?? millisOf(activity.lastStartedTime as Timestamp);
      const pendingFor = scheduled !== undefined ? now.getTime() - scheduled : undefined;
      if ((activity.attempt ?? 1) > 1) {
        const failure = activity.lastFailure?.message ? `: ${activity.lastFailure.message.slice(0, 160)}` : '';
        reasons.push(`activity ${name} is retrying (attempt ${activity.attempt}${pendingFor !== undefined ? `, pending ${humanDuration(pendingFor)}` : ''})${failure}`);
      } else if (pendingFor !== undefined && pendingFor > thresholds.activityAfterMs) {
        reasons.push(`activity ${name} has been pending ${humanDuration(pendingFor)}, longer than ${humanDuration(thresholds.activityAfterMs)}`);
      }
    }
    if (reasons.length > 0) entry(info).reasons.push(...reasons);
  }
  return [...found.values()];
}
