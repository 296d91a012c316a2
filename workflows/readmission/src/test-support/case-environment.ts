import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { TaskQueues } from '@oioo/contracts';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { CaseDriver, arrivalOf, nextCaseId } from './case-driver';
import { FakeReadmissionServices } from './fake-readmission-services';

/** A spec file's time-skipping server with the readmission workflow and fake services, started and stopped around it. */
export function useReadmissionEnvironment() {
  const services = new FakeReadmissionServices();
  const fixture = {
    services,
    env: undefined as unknown as TestWorkflowEnvironment,
    /** Opens an in-scope case that arrived `arrivedAgoMs` ago (server time). */
    async openCase(arrivedAgoMs = 0, overrides: Parameters<typeof arrivalOf>[2] = {}): Promise<CaseDriver> {
      const now = await fixture.env.currentTimeMs();
      return CaseDriver.open(fixture.env.client, arrivalOf(nextCaseId(), new Date(now - arrivedAgoMs), overrides));
    },
  };
  let worker: TimeSkippingWorker | undefined;
  beforeAll(async () => {
    worker = await startTimeSkippingWorker({
      taskQueue: TaskQueues.readmission,
      workflowsPath: require.resolve('../readmission-case.workflow'),
      activities: services.activities(),
    });
    fixture.env = worker.env;
  }, 60_000);
  afterAll(() => worker?.stop());
  return fixture;
}
