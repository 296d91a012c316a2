import type { RetentionSweepResult } from '@oioo/contracts';

/** The services that own a data class and answer `POST /internal/v1/retention/sweep` (S4). */
export type SweepingService = 'identity' | 'casework';

/** Ask one service to delete what is past its period as of `asOf`. */
export interface SweepServiceInput {
  service: SweepingService;
  asOf: string;
}

/** What crypto-shredding the closed cases' histories did (S4, closed-case-histories). */
export interface ShredClosedCasesResult {
  /** Every history closed before this instant was asked about. */
  cutoff: string;
  /** Closed case workflows found past the period. */
  found: number;
  destroyed: number;
  alreadyDestroyed: number;
  unknown: number;
}

/** The activities of the retention sweep, implemented by the worker (they call the services and Temporal's visibility). */
export interface RetentionActivities {
  /** The service's sweep answer: rows deleted per class. */
  sweepService(input: SweepServiceInput): Promise<RetentionSweepResult>;
  /** Lists closed readmission and EOI workflows past their period and has casework's data-key vault destroy their keys. */
  shredClosedCaseHistories(input: { asOf: string }): Promise<ShredClosedCasesResult>;
}
