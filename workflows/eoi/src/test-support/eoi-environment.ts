import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { TaskQueues } from '@oioo/contracts';
import type { EoiApplicantFacts, EoiPolicy, LedgerPolicy } from '@oioo/domain';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { LedgerDriver } from '@oioo/workflows-equivalence-ledger/testing';
import { adultApplicant } from './eoi-applicants';
import { EoiDriver } from './eoi-driver';
import { FakeEoiServices } from './fake-eoi-services';

/** The module a test worker bundles: the EOI case and the real ledger. */
export const EOI_TEST_WORKFLOWS = require.resolve('./eoi-test-workflows');

/** A spec file's time-skipping server running EOI cases and the real ledger, with fake services, started and stopped around it. */
export function useEoiEnvironment() {
  const services = new FakeEoiServices();
  const fixture = {
    services,
    env: undefined as unknown as TestWorkflowEnvironment,
    /** Opens a new pilot's ledger on the EOI task queue. */
    openLedger(policy?: Partial<LedgerPolicy>): Promise<LedgerDriver> {
      return LedgerDriver.open(fixture.env.client, { taskQueue: TaskQueues.legalRoute, ...(policy ? { policy } : {}) });
    },
    /** One adult's EOI, presence confirmed, on a new pilot that has counted a readmission: its place is released at once (E2, E6). */
    async submitInvited(applicant: EoiApplicantFacts = adultApplicant()): Promise<{ ledger: LedgerDriver; eoi: EoiDriver }> {
      const ledger = await fixture.openLedger();
      await ledger.confirmReadmissions(1);
      const eoi = await fixture.submit(ledger, [applicant]);
      await eoi.confirmPresence();
      return { ledger, eoi };
    },
    /** Submits an EOI to a pilot, now (server time) unless told otherwise. */
    async submit(ledger: LedgerDriver, applicants: EoiApplicantFacts[], options: { submittedAt?: Date; policy?: Partial<EoiPolicy>; eventId?: string } = {}): Promise<EoiDriver> {
      const submittedAt = options.submittedAt ?? new Date(await fixture.env.currentTimeMs());
      return EoiDriver.submit(fixture.env.client, { pilotId: ledger.pilotId, applicants, submittedAt, ...(options.policy ? { policy: options.policy } : {}), ...(options.eventId ? { eventId: options.eventId } : {}) });
    },
  };
  let worker: TimeSkippingWorker | undefined;
  beforeAll(async () => {
    worker = await startTimeSkippingWorker({
      taskQueue: TaskQueues.legalRoute,
      workflowsPath: EOI_TEST_WORKFLOWS,
      activities: services.activities(),
    });
    fixture.env = worker.env;
    services.client = worker.env.client;
  }, 60_000);
  afterAll(() => worker?.stop());
  return fixture;
}
