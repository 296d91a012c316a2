import { type OperationRecord } from '@oioo/contracts';
import { type OperationsLogClient } from './operations-log-client';

/** What an action is, for the log: verb, arguments as given, why, and (for a mutating one) what it is about to touch. */
export type ActionRecord = Pick<OperationRecord, 'verb' | 'arguments' | 'reason' | 'targets'>;

/** How an action ended: what it touched and a sentence about it. */
export interface ActionOutcome {
  targets: string[];
  detail: string;
  outcome?: 'succeeded' | 'failed' | 'dry-run';
}

/**
 * Runs a mutating action between two log entries: `started` before anything is changed (if that write
 * fails, nothing is done), then `succeeded`/`failed`/`dry-run` with the targets, quoting the first. An
 * action that throws is logged as failed and the error goes on to the caller.
 */
export async function auditedAction(log: OperationsLogClient, action: ActionRecord, run: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  const operationId = await log.record({ ...action, targets: (action.targets ?? []).slice(0, 1000), outcome: 'started' });
  let result: ActionOutcome;
  try {
    result = await run();
  } catch (error) {
    await log.record({ ...action, outcome: 'failed', detail: String((error as Error).message ?? error).slice(0, 2000), operationId });
    throw error;
  }
  await log.record({ ...action, targets: result.targets.slice(0, 1000), outcome: result.outcome ?? 'succeeded', detail: result.detail.slice(0, 2000), operationId });
  return result;
}

/** Logs a read-only action once, before its result is shown: a read that cannot be logged shows nothing. */
export async function auditedRead<T>(log: OperationsLogClient, action: ActionRecord, read: () => Promise<{ value: T; targets: string[]; detail: string }>): Promise<T> {
  const { value, targets, detail } = await read();
  await log.record({ ...action, targets: targets.slice(0, 1000), outcome: 'succeeded', detail: detail.slice(0, 2000) });
  return value;
}
