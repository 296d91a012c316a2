import { type TestWorkflowEnvironment } from '@temporalio/testing';
import type { WeeklyReportPublishedData } from '@oioo/contracts';
import type { LedgerPolicy } from '@oioo/domain';
import type { LedgerActivities } from '../ledger.activities';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { LEDGER_TEST_TASK_QUEUE, LedgerDriver } from './ledger-driver';

/** A spec file's time-skipping server with the ledger and the stand-in EOI workflow, started and stopped around it. */
export function useLedgerEnvironment() {
  const fixture = {
    env: undefined as unknown as TestWorkflowEnvironment,
    /** Every weekly report the ledgers published (Q3), in order. */
    reports: [] as WeeklyReportPublishedData[],
    /** Opens a new pilot's ledger. */
    openLedger(options: { policy?: Partial<LedgerPolicy>; historyEventsLimit?: number } = {}): Promise<LedgerDriver> {
      return LedgerDriver.open(fixture.env.client, options);
    },
    /** The server's clock (time-skipped). */
    async now(): Promise<Date> {
      return new Date(await fixture.env.currentTimeMs());
    },
  };
  let worker: TimeSkippingWorker | undefined;
  beforeAll(async () => {
    const activities: LedgerActivities = {
      publishWeeklyReport: async (report) => {
        fixture.reports.push(report);
      },
    };
    worker = await startTimeSkippingWorker({ taskQueue: LEDGER_TEST_TASK_QUEUE, workflowsPath: require.resolve('./ledger-test-workflows'), activities });
    fixture.env = worker.env;
  }, 60_000);
  afterAll(() => worker?.stop());
  return fixture;
}
