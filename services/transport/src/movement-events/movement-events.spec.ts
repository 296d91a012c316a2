import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type BoardingRecordedData, type EventEnvelope, type HandoverConfirmedData, TaskQueues, Topics, ledgerWorkflowId } from '@oioo/contracts';
import { type Database } from '@oioo/database';
import { EventRejectedError, envelopeSchemaOf } from '@oioo/kafka';
import { FakeTemporalClient, type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { readmissionConfirmedSignal } from '@oioo/workflows-equivalence-ledger';
import { type ReadmissionActivities } from '@oioo/workflows-readmission';
import { CaseDriver, FakeReadmissionServices, arrivalOf, nextCaseId } from '@oioo/workflows-readmission/testing';
import { type TransportKit, openMigratedDatabase, seatsOf, transportKit } from '../test-support/transport-test-kit';
import { BoardingEventsHandler } from './boarding-events.handler';
import { BoardingRecordsRepository } from './boarding-records.repository';
import { CaseWorkflowGateway } from './case-workflow.gateway';
import { EquivalenceLedgerGateway } from './equivalence-ledger.gateway';
import { HandoverEventsHandler } from './handover-events.handler';
import { HandoversRepository } from './handovers.repository';

const HOUR_MS = 60 * 60 * 1000;
/** The pilot whose ledger the handovers are counted on. */
const PILOT_ID = 'pilot_TRANSPORTTEST01';
const LEDGER = ledgerWorkflowId(PILOT_ID);

let testWorker: TimeSkippingWorker;
let env: TestWorkflowEnvironment;
let db: Database;
let kit: TransportKit;
let boarding: BoardingEventsHandler;
let handover: HandoverEventsHandler;
/**
 * The equivalence ledger is a stand-in: the readmission cases run for real on the test server, while
 * the ledger (its counting is tested in its own project) only records the signals it is sent.
 */
let ledgerTemporal: FakeTemporalClient;

/** The server's clock as an activity sees it: under time skipping, wall-clock time lags behind. */
function serverNow(): Date {
  return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
}

beforeAll(async () => {
  db = await openMigratedDatabase();
  kit = await transportKit(db);
  // The real workflow with fake services, except that bookings go to this service on its real database.
  const activities: ReadmissionActivities = {
    ...new FakeReadmissionServices().activities(),
    bookMovement: (input) => kit.bookings.book(input, serverNow()),
    cancelBooking: (input) => kit.bookings.cancel(input, serverNow()),
  };
  testWorker = await startTimeSkippingWorker({ taskQueue: TaskQueues.readmission, workflowsPath: require.resolve('@oioo/workflows-readmission'), activities });
  env = testWorker.env;
  const gateway = new CaseWorkflowGateway(env.client);
  boarding = new BoardingEventsHandler(new BoardingRecordsRepository(db, kit.movements), gateway, kit.manifests);
  ledgerTemporal = new FakeTemporalClient().run(LEDGER);
  handover = new HandoverEventsHandler(new HandoversRepository(db), gateway, new EquivalenceLedgerGateway(ledgerTemporal.asClient(), { pilotId: PILOT_ID }));
}, 60_000);

afterAll(async () => {
  await testWorker?.stop();
  await db?.close();
});

/** A case taken through the workflow until it holds a seat on a movement of this service. */
async function bookedCase(): Promise<{ driver: CaseDriver; movementId: string; departsAt: Date }> {
  const driver = await CaseDriver.open(env.client, arrivalOf(nextCaseId(), new Date(await env.currentTimeMs())));
  await driver.driveToAwaitingReply();
  await driver.franceReplies('accepted');
  await driver.serveRemovalDirections();
  const booked = await driver.waitForState('movement-booked');
  const movement = booked.movement as { movementId: string; departsAt: string };
  return { driver, movementId: movement.movementId, departsAt: new Date(movement.departsAt) };
}

/** A case whose R5 check before departure found nothing pending: it may board. */
async function caseClearedForTransfer(): Promise<{ driver: CaseDriver; movementId: string }> {
  const { driver, movementId, departsAt } = await bookedCase();
  await env.sleep(departsAt.getTime() - (await env.currentTimeMs()) - HOUR_MS);
  await driver.waitForState('cleared-for-transfer');
  return { driver, movementId };
}

async function serverTime(): Promise<string> {
  return new Date(await env.currentTimeMs()).toISOString();
}

/** An escorts' boarding event as the consumer hands it over: checked against the topic's schema. */
async function boardingEvent(caseId: string, movementId: string, outcome: 'boarded' | 'no-show'): Promise<EventEnvelope<BoardingRecordedData>> {
  const at = await serverTime();
  return envelopeSchemaOf(Topics.boardingRecorded).parse({
    eventId: randomUUID(),
    type: Topics.boardingRecorded.name,
    source: 'uk-escorts',
    subject: caseId,
    occurredAt: at,
    schemaVersion: 1,
    correlationId: `corr-${caseId}`,
    data: { movementId, caseId, outcome, recordedAt: at },
  });
}

/** France's handover confirmation as the consumer hands it over. */
async function handoverEvent(caseId: string, movementId: string, handoverReference: string): Promise<EventEnvelope<HandoverConfirmedData>> {
  const at = await serverTime();
  return envelopeSchemaOf(Topics.handoverConfirmed).parse({
    eventId: randomUUID(),
    type: Topics.handoverConfirmed.name,
    source: 'fr-ministry-interior',
    subject: caseId,
    occurredAt: at,
    schemaVersion: 1,
    correlationId: `corr-${caseId}`,
    data: { handoverReference, movementId, caseId, confirmedAt: at },
  });
}

/** The EventRejectedError a handler threw, failing the test if it threw something else or nothing. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(EventRejectedError);
  return (error as EventRejectedError).message;
}

/** The readmissions of a case the pilot's ledger was told of (Q1), as signal inputs. */
function ledgerSignalsFor(caseId: string): unknown[] {
  return ledgerTemporal
    .callsTo(LEDGER)
    .filter((call) => call.kind === 'signal' && call.name === readmissionConfirmedSignal.name && (call.args[0] as { caseId: string }).caseId === caseId)
    .map((call) => call.args[0]);
}

async function bookingStatuses(caseId: string): Promise<string[]> {
  return (await kit.bookingsRepository.findByCase(caseId)).map((booking) => `${booking.movementId}:${booking.status}`);
}

describe('boarding and handover forwarded to the case workflow', () => {
  it('R9 Q1 boarding moves the case in transit and France’s handover completes the readmission; copies change nothing', async () => {
    const { driver, movementId } = await caseClearedForTransfer();

    const boarded = await boardingEvent(driver.caseId, movementId, 'boarded');
    await expect(boarding.forward(boarded, new Date())).resolves.toBe('forwarded');
    expect((await driver.view()).state).toBe('in-transit');
    expect(await bookingStatuses(driver.caseId)).toEqual([`${movementId}:boarded`]);
    await expect(boarding.forward(boarded, new Date())).resolves.toBe('duplicate');

    const confirmed = await handoverEvent(driver.caseId, movementId, 'hov_FR0000000001');
    await expect(handover.onHandoverConfirmed(confirmed)).resolves.toBeUndefined();
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
    expect(ledgerSignalsFor(driver.caseId)).toEqual([{ caseId: driver.caseId, confirmedAt: confirmed.data.confirmedAt }]);

    // Copies: the same event again, then the same handover under another event id.
    await expect(handover.forward(confirmed, new Date())).resolves.toBe('duplicate');
    await expect(handover.forward({ ...confirmed, eventId: randomUUID() }, new Date())).resolves.toBe('duplicate');
  });

  it('R9 Q1 a handover recorded but not marked forwarded before a crash is recognised on the completed case, not refused', async () => {
    const { driver, movementId } = await caseClearedForTransfer();
    await boarding.forward(await boardingEvent(driver.caseId, movementId, 'boarded'), new Date());
    const confirmed = await handoverEvent(driver.caseId, movementId, 'hov_FR0000000002');
    await handover.forward(confirmed, new Date());
    await driver.handle.result();
    await db.query('UPDATE handovers SET forwarded_at = NULL WHERE handover_reference = $1', ['hov_FR0000000002']);

    await expect(handover.forward(confirmed, new Date())).resolves.toBe('duplicate');
  });

  it('R9 a no-show frees the seat at once and the workflow rebooks the case on a later movement', async () => {
    const { driver, movementId } = await caseClearedForTransfer();
    const before = await seatsOf(db, movementId);

    await expect(boarding.forward(await boardingEvent(driver.caseId, movementId, 'no-show'), new Date())).resolves.toBe('forwarded');

    expect(await seatsOf(db, movementId)).toEqual({ seatsTaken: before.seatsTaken - 1, holding: before.holding - 1 });
    const rebooked = await driver.waitForState('movement-booked');
    expect(rebooked.movement?.movementId).not.toBe(movementId);
    expect(await bookingStatuses(driver.caseId)).toEqual([`${movementId}:no-show`, `${rebooked.movement?.movementId}:booked`]);
    await driver.finish();
  });
});

describe('refusals are dead-lettered with the reason', () => {
  it('a boarding for a case with no booking on the movement is rejected', async () => {
    const { driver, movementId } = await bookedCase();
    const stranger = nextCaseId();

    await expect(rejection(boarding.forward(await boardingEvent(stranger, movementId, 'boarded'), new Date()))).resolves.toBe(
      `case ${stranger} has no booking on movement ${movementId}`,
    );
    await driver.finish();
  });

  it('a boarding the workflow refuses is rejected with the workflow’s reason, and the seat is held again', async () => {
    // Booked, but the R5 check before departure has not run: the case may not board yet.
    const { driver, movementId } = await bookedCase();
    const before = await seatsOf(db, movementId);

    const reason = await rejection(boarding.forward(await boardingEvent(driver.caseId, movementId, 'no-show'), new Date()));

    expect(reason).toBe('recordBoarding applies to a case in state cleared-for-transfer; this case is in state movement-booked');
    expect(await bookingStatuses(driver.caseId)).toEqual([`${movementId}:booked`]);
    expect(await seatsOf(db, movementId)).toEqual(before);
    expect((await driver.view()).state).toBe('movement-booked');
    await driver.finish();
  });

  it('R9 a handover the workflow refuses is rejected with its reason and forgotten, so the corrected one goes through', async () => {
    const { driver, movementId } = await caseClearedForTransfer();
    const early = await handoverEvent(driver.caseId, movementId, 'hov_FR0000000003');

    await expect(rejection(handover.forward(early, new Date()))).resolves.toBe(
      'confirmHandover applies to a case in state in-transit; this case is in state cleared-for-transfer',
    );
    expect((await db.query('SELECT 1 FROM handovers WHERE handover_reference = $1', ['hov_FR0000000003'])).rowCount).toBe(0);
    expect(ledgerSignalsFor(driver.caseId)).toEqual([]);

    await boarding.forward(await boardingEvent(driver.caseId, movementId, 'boarded'), new Date());
    await expect(handover.forward({ ...early, eventId: randomUUID() }, new Date())).resolves.toBe('forwarded');
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
  });

  it('a handover for a case that has no workflow is rejected', async () => {
    const stranger = nextCaseId();
    await expect(rejection(handover.forward(await handoverEvent(stranger, 'mov_NOSUCHMOVEMENT1', 'hov_FR0000000004'), new Date()))).resolves.toBe(
      `there is no readmission case workflow for case ${stranger}`,
    );
    expect(ledgerSignalsFor(stranger)).toEqual([]);
  });

  it('a second handover reference for a case already handed over is rejected', async () => {
    const { driver, movementId } = await caseClearedForTransfer();
    await boarding.forward(await boardingEvent(driver.caseId, movementId, 'boarded'), new Date());
    await handover.forward(await handoverEvent(driver.caseId, movementId, 'hov_FR0000000005'), new Date());

    await expect(rejection(handover.forward(await handoverEvent(driver.caseId, movementId, 'hov_FR0000000006'), new Date()))).resolves.toBe(
      `case ${driver.caseId} was already handed over under reference hov_FR0000000005`,
    );
  });
});

describe('Q1 confirmed handovers are counted on the pilot’s equivalence ledger', () => {
  it('Q1 once the case takes France’s handover, ledger:<PILOT_ID> is signalled readmissionConfirmed {caseId, confirmedAt}; copies signal it again, and the ledger counts the case once', async () => {
    const { driver, movementId } = await caseClearedForTransfer();
    await boarding.forward(await boardingEvent(driver.caseId, movementId, 'boarded'), new Date());
    const confirmed = await handoverEvent(driver.caseId, movementId, 'hov_FR0000000007');

    await expect(handover.forward(confirmed, new Date())).resolves.toBe('forwarded');
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
    const counted = { caseId: driver.caseId, confirmedAt: confirmed.data.confirmedAt };
    expect(ledgerSignalsFor(driver.caseId)).toEqual([counted]);
    expect(ledgerTemporal.callsTo(LEDGER).at(-1)).toMatchObject({ workflowId: `ledger:${PILOT_ID}`, kind: 'signal', name: 'readmissionConfirmed' });

    // A redelivery may follow a failed signal, so it signals again; the ledger counts each case once.
    await expect(handover.forward(confirmed, new Date())).resolves.toBe('duplicate');
    expect(ledgerSignalsFor(driver.caseId)).toEqual([counted, counted]);
  });

  it('Q1 with the ledger not running, the failure is not a rejection: the case keeps the handover and the retry counts it once the ledger runs', async () => {
    const { driver, movementId } = await caseClearedForTransfer();
    await boarding.forward(await boardingEvent(driver.caseId, movementId, 'boarded'), new Date());
    const confirmed = await handoverEvent(driver.caseId, movementId, 'hov_FR0000000008');
    ledgerTemporal.close(LEDGER);
    try {
      const error = await handover.forward(confirmed, new Date()).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      // Thrown as it is, so the consumer retries and finally dead-letters it as handler-failed, never as rejected.
      expect(error).toBeInstanceOf(WorkflowNotFoundError);
      expect(error).not.toBeInstanceOf(EventRejectedError);
      await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
      expect(ledgerSignalsFor(driver.caseId)).toEqual([]);
    } finally {
      ledgerTemporal.run(LEDGER);
    }

    await expect(handover.forward(confirmed, new Date())).resolves.toBe('duplicate');
    expect(ledgerSignalsFor(driver.caseId)).toEqual([{ caseId: driver.caseId, confirmedAt: confirmed.data.confirmedAt }]);
  });
});
