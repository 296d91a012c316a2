import { Context } from '@temporalio/activity';
import { type RetentionPolicy, destroyDataKeysBodySchema, destroyDataKeysResultSchema, retentionCutoff, retentionSweepBodySchema, retentionSweepResultSchema } from '@oioo/contracts';
import type { RetentionActivities } from '@oioo/workflows-platform';
import { type ServiceClient } from './service-client';

/** The workflow types whose closed histories hold a case's personal data. */
export const CASE_WORKFLOW_TYPES = ['readmissionCaseWorkflow', 'eoiCaseWorkflow'] as const;

/** Most workflow ids one call to the data-key vault may name (its contract). */
const DESTROY_BATCH = 500;

/** The part of the Temporal client the shredding step uses: visibility listing. */
export interface ClosedWorkflowLister {
  workflow: { list(options: { query: string }): AsyncIterable<{ workflowId: string }> };
}

/** What the retention activities need: the owners' clients, Temporal's visibility and the policy. */
export interface RetentionActivityDeps {
  identity: ServiceClient;
  casework: ServiceClient;
  temporalClient: ClosedWorkflowLister;
  policy: RetentionPolicy;
}

/**
 * The visibility query for closed case workflows whose close time is before `cutoff`. A run that continued
 * as new is not closed (its case goes on in the next run), so only the end states count.
 */
export function closedCasesQuery(cutoff: Date): string {
  const types = CASE_WORKFLOW_TYPES.map((type) => `'${type}'`).join(', ');
  return `WorkflowType IN (${types}) AND ExecutionStatus IN ('Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut') AND CloseTime < '${cutoff.toISOString()}'`;
}

/** S4: the retention sweep's activities, over the owners' HTTP APIs and Temporal's visibility. */
export function createRetentionActivities(deps: RetentionActivityDeps): RetentionActivities {
  return {
    sweepService: ({ service, asOf }) => deps[service].call('POST', '/internal/v1/retention/sweep', retentionSweepBodySchema.parse({ asOf }), retentionSweepResultSchema),
    shredClosedCaseHistories: async ({ asOf }) => {
      // S4 closed-case-histories: the period starts when the case's workflow closed.
      const cutoff = retentionCutoff(deps.policy, 'closed-case-histories', new Date(asOf));
      const workflowIds = new Set<string>();
      for await (const execution of deps.temporalClient.workflow.list({ query: closedCasesQuery(cutoff) })) workflowIds.add(execution.workflowId);
      const totals = { cutoff: cutoff.toISOString(), found: workflowIds.size, destroyed: 0, alreadyDestroyed: 0, unknown: 0 };
      const ids = [...workflowIds];
      for (let start = 0; start < ids.length; start += DESTROY_BATCH) {
        const batch = ids.slice(start, start + DESTROY_BATCH);
        const answer = await deps.casework.call('POST', '/internal/v1/data-keys/destroy', destroyDataKeysBodySchema.parse({ workflowIds: batch, reason: 'retention' }), destroyDataKeysResultSchema);
        totals.destroyed += answer.destroyed.length;
        totals.alreadyDestroyed += answer.alreadyDestroyed.length;
        totals.unknown += answer.unknown.length;
        // Destroying a key twice is harmless (alreadyDestroyed), so a retry after a timeout redoes the batches safely.
        Context.current().heartbeat({ done: start + batch.length });
      }
      return totals;
    },
  };
}
