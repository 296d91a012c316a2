import { type UpdateDefinition, type WorkflowIdReusePolicy } from '@temporalio/common';
import type { EquivalenceLedgerInput, equivalenceLedgerWorkflow } from '@oioo/workflows-equivalence-ledger';

/**
 * The part of a workflow handle the worker uses on the pilot's ledger. A Temporal `WorkflowHandle`
 * satisfies it; unit tests pass a small fake instead of a connected client.
 */
export interface LedgerWorkflowHandle {
  executeUpdate<Ret, Args extends [unknown, ...unknown[]]>(update: UpdateDefinition<Ret, Args>, options: { args: Args; updateId?: string }): Promise<Ret>;
  describe(): Promise<{ status: { name: string } }>;
}

/** Options the worker starts the ledger with (see `ensureLedger`). */
export interface LedgerStartOptions {
  taskQueue: string;
  workflowId: string;
  args: [EquivalenceLedgerInput];
  workflowIdReusePolicy: WorkflowIdReusePolicy;
}

/** The part of a Temporal `Client` the worker uses on the pilot's ledger: start it, update it, describe it. */
export interface LedgerClient {
  workflow: {
    start(workflow: typeof equivalenceLedgerWorkflow, options: LedgerStartOptions): Promise<unknown>;
    getHandle(workflowId: string): LedgerWorkflowHandle;
  };
}
