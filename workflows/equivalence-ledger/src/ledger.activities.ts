import type { WeeklyReportPublishedData } from '@oioo/contracts';

/** What the ledger asks of the outside world: publishing each finished ISO week's report for the joint committee (Q3). */
export interface LedgerActivities {
  /** Publishes the report on `equivalence.weekly-report.published.v1`, keyed by pilot id; a repeat for the same week publishes the same event id. */
  publishWeeklyReport(report: WeeklyReportPublishedData): Promise<void>;
}
