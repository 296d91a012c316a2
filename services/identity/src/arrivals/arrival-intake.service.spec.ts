import { randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type ArrivalRecordedData, type EventEnvelope, TaskQueues, readmissionWorkflowId } from '@oioo/contracts';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { caseViewQuery } from '@oioo/workflows-readmission';
import { ArrivalIntake } from './arrival-intake.service';

let env: TestWorkflowEnvironment;
let testWorker: TimeSkippingWorker;
let intake: ArrivalIntake;

beforeAll(async () => {
  testWorker = await startTimeSkippingWorker({ taskQueue: TaskQueues.readmission, workflowsPath: require.resolve('@oioo/workflows-readmission') });
  env = testWorker.env;
  intake = new ArrivalIntake(env.client);
}, 60_000);

afterAll(() => testWorker?.stop());

function arrivalEvent(caseId: string, crossingEvidence: ArrivalRecordedData['crossingEvidence']): EventEnvelope<ArrivalRecordedData> {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'border-force.arrival.recorded.v1',
    source: 'uk-border-force',
    subject: caseId,
    occurredAt: at,
    schemaVersion: 1,
    correlationId: 'corr',
    data: { caseId, personId: 'per_01J9ZQ4X7K3M2N8P6R5V', arrivedAt: at, route: 'claimed-protection', departedFrom: 'FR', crossingEvidence, biometricTemplate: 'tpl-3f9a1c7e5b2d4a60' },
  };
}

describe('arrival intake', () => {
  it('opens the case workflow named after the opaque case id', async () => {
    const event = arrivalEvent('case_INTAKEOPEN0001', [{ kind: 'biometric-capture', reference: 'BIO-1' }]);
    await expect(intake.forward(event)).resolves.toBe('case-signalled');
    const view = await env.client.workflow.getHandle(readmissionWorkflowId('case_INTAKEOPEN0001')).query(caseViewQuery);
    expect(view.state).toBe('awaiting-request');
    expect(view.timeline[0]?.evidence).toContain(`event:${event.eventId}`);
  });

  it('never reopens a case that has ended when a late copy of its arrival comes in', async () => {
    // No crossing evidence: the case is excluded at once (R1) and its workflow completes.
    const event = arrivalEvent('case_INTAKECLOSED01', []);
    await intake.forward(event);
    await env.client.workflow.getHandle(readmissionWorkflowId('case_INTAKECLOSED01')).result();

    await expect(intake.forward({ ...event, eventId: randomUUID() })).resolves.toBe('case-already-closed');
  });
});
