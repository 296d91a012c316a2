import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { RetentionClass } from '@oioo/contracts';
import type { RetentionActivities, ShredClosedCasesResult, SweepingService } from './retention.activities';

/** Input of a retention sweep: none needed, the Schedule starts it as is. */
export type RetentionSweepInput = Record<string, never>;

/** A retention sweep's result: the instant swept as of, rows deleted (or histories shredded) per class, and what failed. */
export interface RetentionSweepSummary {
  asOf: string;
  deleted: Partial<Record<RetentionClass, number>>;
  closedCaseHistories?: ShredClosedCasesResult;
  /** The steps that failed after their retries, each with why; the next sweep tries them again. */
  failures: { step: string; message: string }[];
}

const activities = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  // A service down for a while is retried, but a sweep gives up in time for the next one to start afresh.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 8 },
});

const SERVICES: readonly SweepingService[] = ['identity', 'casework'];

/**
 * S4: one retention sweep, started by the `retention-sweep` Schedule. Every owner deletes what is past its
 * period as of the workflow's own clock (deterministic, and the same instant for every step): identity and
 * casework delete rows, and closed cases' histories are crypto-shredded through casework's data-key vault.
 * One step failing does not stop the others; the sweep then fails naming it, so it shows on the Schedule.
 */
export async function retentionSweepWorkflow(_input: RetentionSweepInput = {}): Promise<RetentionSweepSummary> {
  const asOf = new Date().toISOString();
  const result: RetentionSweepSummary = { asOf, deleted: {}, failures: [] };
  for (const service of SERVICES) {
    try {
      const answer = await activities.sweepService({ service, asOf });
      Object.assign(result.deleted, answer.deleted);
    } catch (error) {
      result.failures.push({ step: `sweep ${service}`, message: messageOf(error) });
    }
  }
  try {
    const shredded = await activities.shredClosedCaseHistories({ asOf });
    result.closedCaseHistories = shredded;
    result.deleted['closed-case-histories'] = shredded.destroyed;
  } catch (error) {
    result.failures.push({ step: 'shred closed case histories', message: messageOf(error) });
  }
  if (result.failures.length > 0) {
    throw ApplicationFailure.create({ type: 'RETENTION_SWEEP_INCOMPLETE', message: `retention sweep as of ${asOf} incomplete: ${result.failures.map((failure) => failure.step).join(', ')}`, details: [result], nonRetryable: true });
  }
  return result;
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && 'cause' in error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
