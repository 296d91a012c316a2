import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { createLogger, type Logger } from '@oioo/config';
import { TaskQueues, ledgerWorkflowId } from '@oioo/contracts';
import { type EquivalenceLedgerInput, equivalenceLedgerWorkflow } from '@oioo/workflows-equivalence-ledger';
import { type LedgerClient } from './ledger-client';

/** What `ensureLedger` found: it started the ledger, the ledger was already running, or the pilot's ledger has ended. */
export type EnsureLedgerOutcome = 'started' | 'running' | 'ended';

/**
 * Starts the pilot's equivalence ledger (`ledger:<pilotId>`) unless it exists. Every worker calls it at
 * start-up, so EOIs find a ledger to request places from; any number of workers may race, and the
 * server lets exactly one start win. The policy is copied into the ledger when it opens, so a worker
 * started later with other settings never changes a running ledger. A ledger that has ended (Q5) is
 * never started again under the same ID (REJECT_DUPLICATE): a new pilot needs a new PILOT_ID.
 */
export async function ensureLedger(
  client: LedgerClient,
  input: Pick<EquivalenceLedgerInput, 'pilotId' | 'policy'>,
  logger: Logger = createLogger('worker'),
): Promise<EnsureLedgerOutcome> {
  const workflowId = ledgerWorkflowId(input.pilotId);
  try {
    await client.workflow.start(equivalenceLedgerWorkflow, {
      taskQueue: TaskQueues.equivalence,
      workflowId,
      args: [{ pilotId: input.pilotId, ...(input.policy === undefined ? {} : { policy: input.policy }) }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    logger.info('equivalence ledger started', { workflowId });
    return 'started';
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  const { status } = await client.workflow.getHandle(workflowId).describe();
  if (status.name === 'RUNNING') {
    logger.info('equivalence ledger already running; its policy is the one it opened with', { workflowId });
    return 'running';
  }
  logger.warn('equivalence ledger of this pilot has ended and is not restarted; requests for places will be refused', { workflowId, status: status.name });
  return 'ended';
}
