import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition, WorkflowNotFoundError } from '@temporalio/common';
import { ledgerWorkflowId } from '@oioo/contracts';
import { LedgerErrorCode } from '@oioo/domain';
import { type LedgerClient, type LedgerWorkflowHandle } from './ledger-client';
import { LEDGER_UPDATES_IN_FLIGHT, UpdateGate } from './ledger-update-gate';

/** Failure type of a retryable attempt made while the pilot's ledger has not been started yet. */
export const LEDGER_NOT_RUNNING = 'LEDGER_NOT_RUNNING';

/** This worker's Updates on the ledger, kept under the server's in-flight limit. */
const gate = new UpdateGate(LEDGER_UPDATES_IN_FLIGHT);

/**
 * Runs one of the ledger's Updates for an activity, under `updateId` so a retried activity is the same
 * Update to the server (the ledger also remembers command ids across continue-as-new), at most
 * {@link LEDGER_UPDATES_IN_FLIGHT} at once from this worker. A refusal by
 * the ledger fails the activity for good with the ledger's code and sentence, so the calling workflow
 * sees why; anything that may pass on a retry stays retryable.
 */
export async function updateLedger<Ret, Arg>(client: LedgerClient, pilotId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId: string): Promise<Ret> {
  const handle = client.workflow.getHandle(ledgerWorkflowId(pilotId));
  try {
    return await gate.run(() => handle.executeUpdate(update, { args: [arg], updateId }));
  } catch (error) {
    throw await ledgerFailure(error, handle, pilotId);
  }
}

/** The error the activity fails with, given what executing the Update threw. */
async function ledgerFailure(error: unknown, handle: LedgerWorkflowHandle, pilotId: string): Promise<unknown> {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.nonRetryable) {
    // A new failure, not the client's error: only the activity's own failure keeps type and nonRetryable for the workflow.
    const refusal = error.cause;
    return ApplicationFailure.create({ type: refusal.type ?? 'LEDGER_REFUSED', message: refusal.message, nonRetryable: true, details: refusal.details ?? [] });
  }
  if (error instanceof WorkflowNotFoundError) {
    // The server answers "not found" both before the ledger starts and after it has closed; only the first can pass on a retry.
    const status = await handle.describe().then(
      (description) => description.status.name,
      () => undefined,
    );
    if (status !== undefined && status !== 'RUNNING') {
      return ApplicationFailure.create({
        type: LedgerErrorCode.PilotEnded,
        message: `Q5: the ledger of ${pilotId} has closed (${status}); it takes no more requests or admissions`,
        nonRetryable: true,
      });
    }
    return ApplicationFailure.retryable(`the ledger of ${pilotId} is not running yet (the worker starts it at start-up); will retry`, LEDGER_NOT_RUNNING);
  }
  return error;
}
