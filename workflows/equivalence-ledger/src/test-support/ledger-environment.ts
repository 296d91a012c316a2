import { type TestWorkflowEnvironment } from '@temporalio/testing';
import type { LedgerPolicy } from '@oioo/domain';
import { type TimeSkippingWorker } from '@oioo/testing';
import { LEDGER_TEST_TASK_QUEUE, LedgerDriver } from './ledger-driver';
import { startTimeSkippingWorker } from '@oioo/testing';

/** A spec file's time-skipping server with the ledger and the stand-in EOI workflow, started and stopped around it. */
export function useLedgerEnvironment() {
  const fixture = {
    env: undefined as unknown as TestWorkflowEnvironment,
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
    worker = await startTimeSkippingWorker({ taskQueue: LEDGER_TEST_TASK_QUEUE, workflowsPath: require.resolve('./ledger-test-workflows') });
    fixture.env = worker.env;
  }, 60_000);
  afterAll(() => worker?.stop());
  return fixture;
}
