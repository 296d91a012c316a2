import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type ArrivalRecordLinkedData, type ArrivalRecordedData, type EventEnvelope, TaskQueues, Topics, readmissionWorkflowId } from '@oioo/contracts';
import { type Database } from '@oioo/database';
import { EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { type TimeSkippingWorker, startTimeSkippingWorker, terminateSettled } from '@oioo/testing';
import { caseViewQuery, confirmHandoverUpdate, recordBoardingUpdate } from '@oioo/workflows-readmission';
import { CaseDriver, FakeReadmissionServices, commandId } from '@oioo/workflows-readmission/testing';
import { ReturnsRegisterController } from '../registers/returns-register.controller';
import { arrivalEvent, identityServices, nearTemplate, openIdentityDatabase, openedCase, quietLogger, returnOf, sampleTemplate } from '../test-support/identity-test-kit';
import { ArrivalIntake } from './arrival-intake.service';
import { TemporalReadmissionCaseStatuses } from './readmission-case-status';

let env: TestWorkflowEnvironment;
let testWorker: TimeSkippingWorker;
let db: Database;
let services: ReturnType<typeof identityServices>;
let intake: ArrivalIntake;
let returnsRegister: ReturnsRegisterController;
const kafka = new InMemoryKafkaTransport();
const fakeServices = new FakeReadmissionServices();

beforeAll(async () => {
  [testWorker, db] = await Promise.all([
    startTimeSkippingWorker({
      taskQueue: TaskQueues.readmission,
      workflowsPath: require.resolve('@oioo/workflows-readmission'),
      // The other services are fakes; the returns register is this service's real endpoint, called in-process.
      activities: { ...fakeServices.activities(), registerReturn: (input: unknown) => returnsRegister.register(input) },
    }),
    openIdentityDatabase(),
  ]);
  env = testWorker.env;
  services = identityServices(db, undefined, new TemporalReadmissionCaseStatuses(env.client));
  const producer = new EventProducer(kafka.createProducer(), quietLogger);
  await producer.connect();
  intake = new ArrivalIntake(env.client, services.screening, producer, { readmissionTimeCompression: 1, readmissionTeams: ['south-east'] });
  returnsRegister = new ReturnsRegisterController(services.returns);
}, 60_000);

afterAll(async () => {
  await testWorker?.stop();
  await db?.close();
});

/** An arrival event at the test server's current time, so the case's deadlines count from there. */
async function arrivalNow(overrides: Partial<ArrivalRecordedData> = {}): Promise<EventEnvelope<ArrivalRecordedData>> {
  return arrivalEvent(overrides, new Date(await env.currentTimeMs()));
}

function caseView(caseId: string) {
  return env.client.workflow.getHandle(readmissionWorkflowId(caseId)).query(caseViewQuery);
}

/** A person whose first case ended in a transfer: the readmission workflow registered the return (R11). */
async function returnedPerson(template: string): Promise<ArrivalRecordedData> {
  const first = await arrivalNow({ biometricTemplate: template });
  await intake.forward(first);
  await returnsRegister.register(returnOf(first.data));
  return first.data;
}

describe('arrival intake', () => {
  it('opens the case workflow named after the opaque case id, with the enrolment made at arrival', async () => {
    const event = await arrivalNow();
    await expect(intake.forward(event)).resolves.toBe('case-signalled');

    const view = await caseView(event.data.caseId);
    expect(view.state).toBe('screening');
    expect(view.reEntry).toBe(false);
    expect(view.timeline[0]?.evidence).toContain(`event:${event.eventId}`);
    const enrolment = await services.enrolments.findBySourceKey(db, `arrival:${event.data.caseId}`);
    expect(enrolment?.caseId).toBe(event.data.caseId);
    await terminateSettled(env.client, readmissionWorkflowId(event.data.caseId));
  });

  it('never reopens a case that has ended when a late copy of its arrival comes in', async () => {
    // No crossing evidence: the case is excluded at once (R1) and its workflow completes.
    const event = await arrivalNow({ crossingEvidence: [] });
    await intake.forward(event);
    await env.client.workflow.getHandle(readmissionWorkflowId(event.data.caseId)).result();

    await expect(intake.forward({ ...event, eventId: randomUUID() })).resolves.toBe('case-already-closed');
  });

  it('a duplicated arrival event reaches the same case, enrols once and sends the same screening', async () => {
    const event = await arrivalNow();
    await intake.forward(event);
    await intake.forward({ ...event, eventId: randomUUID() });

    const view = await caseView(event.data.caseId);
    expect(view.timeline.filter((entry) => entry.what === 'arrival-recorded')).toHaveLength(1);
    expect(view.timeline.filter((entry) => entry.what === 'duplicate-arrival-ignored')).toHaveLength(1);
    const enrolments = await db.query<{ n: string }>('SELECT count(*) AS n FROM enrolments WHERE case_id = $1', [event.data.caseId]);
    expect(enrolments.rows[0]?.n).toBe('1');
    await terminateSettled(env.client, readmissionWorkflowId(event.data.caseId));
  });

  it('R11 a returned person who re-enters with the same biometrics gets a new case flagged as re-entry', async () => {
    const template = sampleTemplate('intake-returned-exact');
    const earlier = await returnedPerson(template);

    // Border Force does not know them: a new case and a new person id, only the biometrics match.
    const reEntry = await arrivalNow({ biometricTemplate: template });
    await expect(intake.forward(reEntry)).resolves.toBe('case-signalled');

    const view = await caseView(reEntry.data.caseId);
    expect(view.reEntry).toBe(true);
    const flagged = view.timeline.find((entry) => entry.what === 'flagged-re-entry');
    const { screening } = openedCase(await services.screening.screen(reEntry));
    expect(flagged?.evidence).toEqual([`case:${earlier.caseId}`, `enrolment:${screening.enrolmentReference}`]);
    const described = await env.client.workflow.getHandle(readmissionWorkflowId(reEntry.data.caseId)).describe();
    expect(described.searchAttributes['ReEntry']).toEqual([true]);
    await terminateSettled(env.client, readmissionWorkflowId(reEntry.data.caseId));
  });

  it('R11 a near biometric match above the threshold flags the new case as re-entry too', async () => {
    const template = sampleTemplate('intake-returned-near');
    const earlier = await returnedPerson(template);

    const reEntry = await arrivalNow({ biometricTemplate: nearTemplate(template, 2) });
    await intake.forward(reEntry);

    const view = await caseView(reEntry.data.caseId);
    expect(view.reEntry).toBe(true);
    expect(view.timeline.find((entry) => entry.what === 'flagged-re-entry')?.evidence).toContain(`case:${earlier.caseId}`);
    await terminateSettled(env.client, readmissionWorkflowId(reEntry.data.caseId));
  });

  it('R11 an arrival whose biometrics match no returned person is not flagged', async () => {
    await returnedPerson(sampleTemplate('intake-returned-other'));
    const event = await arrivalNow({ biometricTemplate: sampleTemplate('intake-stranger') });
    await intake.forward(event);

    const view = await caseView(event.data.caseId);
    expect(view.reEntry).toBe(false);
    expect(view.timeline.map((entry) => entry.what)).not.toContain('flagged-re-entry');
    await terminateSettled(env.client, readmissionWorkflowId(event.data.caseId));
  });

  it('R11 R12 end to end: the case workflow transfers the person and registers the return, and their re-entry is flagged', async () => {
    const template = sampleTemplate('intake-end-to-end');
    const first = await arrivalNow({ biometricTemplate: template });
    await intake.forward(first);
    const driver = new CaseDriver(env.client, env.client.workflow.getHandle(readmissionWorkflowId(first.data.caseId)), first.data.caseId);
    await driver.driveToAwaitingReply();
    const { screening } = openedCase(await services.screening.screen(first));
    // R12: France gets identity's enrolment reference as the biometric reference, never the template.
    expect(fakeServices.callsFor(first.data.caseId).requests[0]?.biometricReference).toBe(screening.enrolmentReference);
    await driver.franceReplies('accepted');
    await driver.serveRemovalDirections();
    const booked = await driver.waitForState('movement-booked');
    await env.sleep(new Date(booked.movement?.departsAt as string).getTime() - (await env.currentTimeMs()) - 60 * 60 * 1000);
    await driver.waitForState('cleared-for-transfer');
    const movementId = booked.movement?.movementId as string;
    await driver.handle.executeUpdate(recordBoardingUpdate, { args: [{ commandId: commandId(), movementId, outcome: 'boarded' }] });
    await driver.handle.executeUpdate(confirmHandoverUpdate, {
      args: [{ commandId: commandId(), movementId, handoverReference: 'hov_E2E0000000001', confirmedAt: new Date(await env.currentTimeMs()).toISOString() }],
    });
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
    await expect(services.returns.find(first.data.caseId)).resolves.toMatchObject({ handoverReference: 'hov_E2E0000000001', enrolmentReferences: [screening.enrolmentReference] });

    const reEntry = await arrivalNow({ biometricTemplate: template });
    await intake.forward(reEntry);

    const view = await caseView(reEntry.data.caseId);
    expect(view.reEntry).toBe(true);
    expect(view.timeline.find((entry) => entry.what === 'flagged-re-entry')?.evidence).toContain(`case:${first.data.caseId}`);
    await terminateSettled(env.client, readmissionWorkflowId(reEntry.data.caseId));
  });
});

/** The links identity announced for a record, parsed, with their keys. */
function linkNotices(recordCaseId: string) {
  return kafka
    .sentTo(Topics.arrivalRecordLinked.name)
    .map((message) => ({ key: message.key?.toString(), event: JSON.parse(message.value?.toString() ?? '{}') as EventEnvelope<ArrivalRecordLinkedData> }))
    .filter((notice) => notice.event.data.recordCaseId === recordCaseId);
}

/** Hands the event to intake as the Kafka consumer would: a failure is retried after a pause, a few times. */
async function forwardAsConsumer(event: EventEnvelope<ArrivalRecordedData>) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await intake.forward(event);
    } catch (error) {
      if (attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Whether Temporal holds a workflow under a case id. */
async function caseExists(caseId: string): Promise<boolean> {
  try {
    await env.client.workflow.getHandle(readmissionWorkflowId(caseId)).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

describe('one person, one case', () => {
  it('R11 a second record of the same arrival opens no case: the open case notes it and Border Force is told', async () => {
    const first = await arrivalNow();
    await intake.forward(first);
    // Border Force's second record: a new event and a new case id, the same arrival, crossing and biometrics.
    const second = await arrivalNow({ arrivedAt: first.data.arrivedAt, crossingEvidence: first.data.crossingEvidence, biometricTemplate: first.data.biometricTemplate });

    await expect(intake.forward(second)).resolves.toBe('record-linked');
    await expect(intake.forward(second)).resolves.toBe('record-linked');

    await expect(caseExists(second.data.caseId)).resolves.toBe(false);
    const view = await caseView(first.data.caseId);
    expect(view.timeline.filter((entry) => entry.what === 'duplicate-record-linked').map((entry) => entry.evidence)).toEqual([[`record:${second.data.caseId}`, `event:${second.eventId}`]]);
    const notices = linkNotices(second.data.caseId);
    expect(notices.map((notice) => notice.event.data)).toEqual([
      { recordCaseId: second.data.caseId, recordEventId: second.eventId, caseId: first.data.caseId, link: 'open-case', matchScore: 1, linkedAt: expect.any(String) },
      { recordCaseId: second.data.caseId, recordEventId: second.eventId, caseId: first.data.caseId, link: 'open-case', matchScore: 1, linkedAt: expect.any(String) },
    ]);
    // A repeat announcement keeps its event id, so Border Force's consumer can drop the copy.
    expect(new Set(notices.map((notice) => notice.event.eventId)).size).toBe(1);
    expect(notices[0]?.key).toBe(second.data.caseId);
    await terminateSettled(env.client, readmissionWorkflowId(first.data.caseId));
  });

  it('R11 two records of one person handled at the same moment start one workflow; the other is noted on it', async () => {
    const template = sampleTemplate('intake-same-moment');
    const records = [await arrivalNow({ biometricTemplate: template }), await arrivalNow({ biometricTemplate: template })];

    const outcomes = await Promise.all(records.map((record) => forwardAsConsumer(record)));

    expect([...outcomes].sort()).toEqual(['case-signalled', 'record-linked']);
    const opened = records[outcomes.indexOf('case-signalled')] as EventEnvelope<ArrivalRecordedData>;
    const linked = records[outcomes.indexOf('record-linked')] as EventEnvelope<ArrivalRecordedData>;
    await expect(caseExists(linked.data.caseId)).resolves.toBe(false);
    const view = await caseView(opened.data.caseId);
    expect(view.timeline.find((entry) => entry.what === 'duplicate-record-linked')?.evidence).toContain(`record:${linked.data.caseId}`);
    await terminateSettled(env.client, readmissionWorkflowId(opened.data.caseId));
  });

  it('R11 a late record of a crossing whose case has ended opens nothing and is announced as linked to the ended case', async () => {
    // No crossing evidence: the case is excluded at once (R1) and its workflow completes.
    const first = await arrivalNow({ crossingEvidence: [] });
    await intake.forward(first);
    await env.client.workflow.getHandle(readmissionWorkflowId(first.data.caseId)).result();

    const late = await arrivalNow({ arrivedAt: first.data.arrivedAt, crossingEvidence: [], biometricTemplate: first.data.biometricTemplate });
    await expect(intake.forward(late)).resolves.toBe('record-linked');

    await expect(caseExists(late.data.caseId)).resolves.toBe(false);
    expect(linkNotices(late.data.caseId).map((notice) => notice.event.data)).toMatchObject([{ caseId: first.data.caseId, link: 'ended-case' }]);
  });

  it('R11 an arrival after an earlier case ended without a return is a new case linked to the earlier one, not a re-entry', async () => {
    const first = await arrivalNow({ crossingEvidence: [] });
    await intake.forward(first);
    await env.client.workflow.getHandle(readmissionWorkflowId(first.data.caseId)).result();

    const later = arrivalEvent({ biometricTemplate: nearTemplate(first.data.biometricTemplate, 1) }, new Date((await env.currentTimeMs()) + 60 * 60 * 1000));
    await expect(intake.forward(later)).resolves.toBe('case-signalled');

    const view = await caseView(later.data.caseId);
    expect(view.reEntry).toBe(false);
    expect(view.timeline.find((entry) => entry.what === 'linked-earlier-case')?.evidence).toContain(`case:${first.data.caseId}`);
    await terminateSettled(env.client, readmissionWorkflowId(later.data.caseId));
  });
});
