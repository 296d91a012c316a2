import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { type UpdateDefinition, WorkflowNotFoundError } from '@temporalio/common';

/** What a workflow made of an update a service forwarded on an agency's behalf. */
export type WorkflowUpdateOutcome<Result> =
  | { kind: 'accepted'; result: Result }
  /** The workflow refused it (its validator or handler threw): the reason is the workflow's own sentence, without personal data. */
  | { kind: 'refused'; reason: string; code?: string }
  /** No workflow runs under the ID: never started, or already closed. */
  | { kind: 'not-running' };

/**
 * Executes an update and sorts the answer the way every forwarding handler needs it: a refusal
 * (`WorkflowUpdateFailedError`, whose cause is the workflow's ApplicationFailure with its error code as
 * type) and a workflow that does not run come back as values, for the handler to dead-letter with a
 * reason; anything else (Temporal unreachable, say) throws, so the consumer retries the event.
 */
export async function executeWorkflowUpdate<Result, Input>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Result, [Input]>,
  input: Input,
): Promise<WorkflowUpdateOutcome<Result>> {
  try {
    return { kind: 'accepted', result: await handle.executeUpdate(update, { args: [input] }) };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause as { message?: string; type?: string } | undefined;
      return { kind: 'refused', reason: cause?.message ?? error.message, ...(cause?.type ? { code: cause.type } : {}) };
    }
    if (error instanceof WorkflowNotFoundError) return { kind: 'not-running' };
    throw error;
  }
}

/**
 * Runs a signal or query on a workflow and sorts the answer the same way: a workflow that does not run
 * (never started, or already closed) comes back as `not-running`, for the handler to dead-letter with a
 * reason; anything else throws, so the consumer retries the event.
 */
export async function callRunningWorkflow<Result>(call: () => Promise<Result>): Promise<{ kind: 'done'; result: Result } | { kind: 'not-running' }> {
  try {
    return { kind: 'done', result: await call() };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { kind: 'not-running' };
    throw error;
  }
}
