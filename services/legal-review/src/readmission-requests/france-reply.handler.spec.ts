import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { createLogger } from '@oioo/config';
import { type EventEnvelope, type FranceReplyData, TaskQueues, Topics, deadLetterTopicOf, sendReadmissionRequestBodySchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { DeadLetterHeaders, EventProducer, EventRejectedError, InMemoryKafkaTransport, KafkaModule } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { CaseDriver, FakeReadmissionServices, arrivalOf, nextCaseId } from '@oioo/workflows-readmission/testing';
import { CaseWorkflowGateway } from '../case-workflow/case-workflow.gateway';
import { openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { FranceRepliesRepository } from './france-replies.repository';
import { FranceReplyHandler } from './france-reply.handler';
import { ReadmissionRequestSender } from './readmission-request-sender.service';
import { ReadmissionRequestsRepository } from './readmission-requests.repository';

const quiet = createLogger('test', {}, () => undefined);

let testWorker: TimeSkippingWorker;
let env: TestWorkflowEnvironment;
let db: Database;
let requests: ReadmissionRequestsRepository;
let replies: FranceRepliesRepository;
let sender: ReadmissionRequestSender;
let handler: FranceReplyHandler;

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  requests = new ReadmissionRequestsRepository(db);
  replies = new FranceRepliesRepository(db);
  const producer = new EventProducer(new InMemoryKafkaTransport().createProducer(), quiet);
  await producer.connect();
  sender = new ReadmissionRequestSender(requests, producer);
  testWorker = await startTimeSkippingWorker({
    taskQueue: TaskQueues.readmission,
    workflowsPath: require.resolve('@oioo/workflows-readmission'),
    // The workflow's request activity goes to this service's real sender, as the worker's HTTP activity would.
    activities: { ...new FakeReadmissionServices().activities(), sendReadmissionRequest: (input: unknown) => sender.send(sendReadmissionRequestBodySchema.parse(input)) },
  });
  env = testWorker.env;
  handler = new FranceReplyHandler(requests, replies, new CaseWorkflowGateway(env.client));
}, 120_000);

afterAll(async () => {
  await testWorker?.stop();
  await db?.close();
});

async function openCase(): Promise<CaseDriver> {
  return CaseDriver.open(env.client, arrivalOf(nextCaseId(), new Date(await env.currentTimeMs())));
}

/** The reference of the last request this service sent for the case. */
async function lastRequestOf(caseId: string): Promise<string> {
  const [disclosure] = (await requests.disclosuresFor(caseId)).slice(-1);
  if (!disclosure) throw new Error(`no request was sent for ${caseId}`);
  return disclosure.requestReference;
}

function reply(caseId: string, requestReference: string, kind: FranceReplyData['kind'] = 'accepted', ground?: FranceReplyData['ground']): EventEnvelope<FranceReplyData> {
  return {
    eventId: randomUUID(),
    type: Topics.franceReplied.name,
    source: 'fr-ministry-interior',
    subject: caseId,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    correlationId: caseId,
    data: { requestReference, caseId, kind, ...(ground ? { ground } : {}) },
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(EventRejectedError);
  return (error as Error).message;
}

describe('France replies', () => {
  it("R4 France's acceptance of the request this service sent moves the case on, and a redelivery changes nothing", async () => {
    const driver = await openCase();
    await driver.driveToAwaitingReply();
    const requestReference = await lastRequestOf(driver.caseId);
    const accepted = reply(driver.caseId, requestReference);

    await expect(handler.forward(accepted)).resolves.toBe('forwarded');
    expect((await driver.view()).state).toBe('removal-directions');
    await expect(replies.forRequest(requestReference)).resolves.toEqual([
      expect.objectContaining({ eventId: accepted.eventId, kind: 'accepted', caseState: 'removal-directions' }),
    ]);

    await expect(handler.forward(accepted)).resolves.toBe('duplicate');
    await expect(replies.forRequest(requestReference)).resolves.toHaveLength(1);
    await driver.finish();
  });

  it('R10 a refusal is recorded with its ground and leaves a correctable case while R3 runs', async () => {
    const driver = await openCase();
    await driver.driveToAwaitingReply();
    const requestReference = await lastRequestOf(driver.caseId);

    await handler.onFranceReplied(reply(driver.caseId, requestReference, 'refused', 'insufficient-evidence'));
    expect((await driver.view()).state).toBe('refused-correctable');
    await expect(replies.forRequest(requestReference)).resolves.toEqual([expect.objectContaining({ kind: 'refused', ground: 'insufficient-evidence' })]);
    await driver.finish();
  });

  it('R10 a reply quoting a request never sent is rejected: no readmission request <ref> was sent', async () => {
    const driver = await openCase();
    await expect(rejectionOf(handler.forward(reply(driver.caseId, 'req_NEVERSENT000001')))).resolves.toBe('no readmission request req_NEVERSENT000001 was sent');
    await driver.finish();
  });

  it('rejects a reply naming another case than the one its request was sent for', async () => {
    const driver = await openCase();
    await driver.driveToAwaitingReply();
    const requestReference = await lastRequestOf(driver.caseId);
    const otherCase = nextCaseId();
    await expect(rejectionOf(handler.forward(reply(otherCase, requestReference)))).resolves.toMatch(new RegExp(`sent for case ${driver.caseId}, not for case ${otherCase}`));
    await driver.finish();
  });

  it("R4 a reply the workflow refuses (no request awaiting) is rejected with the workflow's reason and not stored", async () => {
    const driver = await openCase();
    // A request this service knows of, for a case that is still in screening and so awaits no reply.
    const { requestReference } = await sender.send({
      caseId: driver.caseId,
      personId: `per_${driver.caseId.slice(5)}`,
      biometricReference: 'enr_01J9ZQ4X7K3M2N8P6R5T',
      crossingEvidence: [{ kind: 'interception-record', reference: 'INT-2025-0001' }],
      arrivedAt: new Date().toISOString(),
      requestNumber: 1,
      idempotencyKey: `test:${driver.caseId}:request:1`,
    });
    const early = reply(driver.caseId, requestReference);

    await expect(rejectionOf(handler.forward(early))).resolves.toBe("no readmission request is awaiting France's reply (the case is in state screening)");
    await expect(replies.find(early.eventId)).resolves.toBeUndefined();
    expect((await driver.view()).state).toBe('screening');
    await driver.finish();
  });

  it('R4 a contradicting second reply lands on the dead-letter topic, kind rejected, with the reason', async () => {
    const transport = new InMemoryKafkaTransport();
    const moduleRef = await Test.createTestingModule({
      imports: [
        KafkaModule.forRoot({
          clientId: 'legal-review',
          groupId: 'legal-review',
          config: { brokers: ['127.0.0.1:9092'], ssl: false, consumer: { maxAttempts: 3, retryBackoffMs: 0 } },
          transport,
          logger: quiet,
        }),
      ],
      providers: [
        FranceReplyHandler,
        ReadmissionRequestsRepository,
        FranceRepliesRepository,
        CaseWorkflowGateway,
        { provide: DATABASE, useValue: db },
        { provide: TEMPORAL_CLIENT, useValue: env.client },
      ],
    }).compile();
    await moduleRef.init();
    try {
      const driver = await openCase();
      await driver.driveToAwaitingReply();
      const requestReference = await lastRequestOf(driver.caseId);
      const deliver = (event: EventEnvelope<FranceReplyData>) => transport.deliver(Topics.franceReplied.name, { key: driver.caseId, value: JSON.stringify(event) });

      await deliver(reply(driver.caseId, requestReference, 'accepted'));
      await deliver(reply(driver.caseId, requestReference, 'refused', 'public-order-or-security'));

      const [dead, ...more] = transport.sentTo(deadLetterTopicOf(Topics.franceReplied.name));
      expect(more).toEqual([]);
      expect(String(dead?.headers[DeadLetterHeaders.kind])).toBe('rejected');
      expect(String(dead?.headers[DeadLetterHeaders.reason])).toBe("no readmission request is awaiting France's reply (the case is in state removal-directions)");
      expect((await driver.view()).state).toBe('removal-directions');
      await driver.finish();
    } finally {
      await moduleRef.close();
    }
  });
});
