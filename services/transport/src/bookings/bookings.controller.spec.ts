import { Global, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule } from '@oioo/auth';
import { bookMovementBodySchema, bookMovementResponseSchema, cancelBookingBodySchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { EventProducer } from '@oioo/kafka';
import { TestIssuer } from '@oioo/testing';
import { TRANSPORT_CONFIG } from '../config/transport-config';
import { type TransportKit, caseId, openMigratedDatabase, personId, problemDocument, seatsOf, transportKit } from '../test-support/transport-test-kit';
import { BookingsModule } from './bookings.module';

let issuer: TestIssuer;
let db: Database;
let kit: TransportKit;
let app: INestApplication;
let baseUrl: string;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  db = await openMigratedDatabase();
  kit = await transportKit(db);
  // What ServicePlatformModule and TransportConfigModule provide globally in the running service.
  @Global()
  @Module({
    providers: [
      { provide: DATABASE, useValue: db },
      { provide: EventProducer, useValue: kit.producer },
      { provide: TRANSPORT_CONFIG, useValue: kit.config },
    ],
    exports: [DATABASE, EventProducer, TRANSPORT_CONFIG],
  })
  class TestPlatformModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot({ service: 'transport' }), TestPlatformModule, BookingsModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await issuer?.stop();
});

/** Posts JSON as the worker's activities do, with the worker's access token. */
async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await issuer.serviceToken('svc-worker')}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** A body exactly as the worker's activity sends it, checked against the contract. */
function bookingBody(n: number, bookingNumber = 1) {
  return bookMovementBodySchema.parse({
    caseId: caseId(n, 'H'),
    personId: personId(n, 'H'),
    notBefore: '2099-06-01T09:00:00Z',
    bookingNumber,
    idempotencyKey: `readmission:${caseId(n, 'H')}:booking:${bookingNumber}`,
  });
}

describe('POST /bookings', () => {
  it('R9 answers the seat with 200 in the contract’s shape, and the same answer to a repeat', async () => {
    const first = await post('/bookings', bookingBody(1));
    const repeat = await post('/bookings', bookingBody(1));

    expect(first.status).toBe(200);
    expect(bookMovementResponseSchema.parse(first.body)).toEqual({ movementId: expect.stringMatching(/^mov_/), departsAt: '2099-06-02T08:00:00.000Z' });
    expect(repeat).toEqual(first);
    expect(await seatsOf(db, (first.body as { movementId: string }).movementId)).toEqual({ seatsTaken: 1, holding: 1 });
  });

  it('refuses a body that breaks the contract with 400 INVALID_INPUT naming the field', async () => {
    const answer = await post('/bookings', { ...bookingBody(2), caseId: 'Jane Doe' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(problemDocument(400, 'INVALID_INPUT', expect.stringContaining('caseId')));
  });

  it('refuses a second seat for a case with 409 CASE_ALREADY_BOOKED', async () => {
    await post('/bookings', bookingBody(3));
    const answer = await post('/bookings', bookingBody(3, 2));
    expect(answer).toEqual({ status: 409, body: problemDocument(409, 'CASE_ALREADY_BOOKED', expect.stringContaining(caseId(3, 'H'))) });
  });
});

describe('POST /bookings/cancellations', () => {
  it('R9 gives the seat back with 204, and answers 204 again to a repeat', async () => {
    const { body } = await post('/bookings', bookingBody(4));
    const { movementId } = body as { movementId: string };
    const cancellation = cancelBookingBodySchema.parse({ caseId: caseId(4, 'H'), movementId, reason: 'R7: legal hold', idempotencyKey: `readmission:${caseId(4, 'H')}:cancel:${movementId}` });
    const seatsBefore = await seatsOf(db, movementId);

    expect(await post('/bookings/cancellations', cancellation)).toEqual({ status: 204, body: undefined });
    expect(await post('/bookings/cancellations', cancellation)).toEqual({ status: 204, body: undefined });
    expect(await seatsOf(db, movementId)).toEqual({ seatsTaken: seatsBefore.seatsTaken - 1, holding: seatsBefore.holding - 1 });
  });

  it('refuses a cancellation without a reason with 400', async () => {
    const answer = await post('/bookings/cancellations', { caseId: caseId(5, 'H'), movementId: 'mov_0000000000000001', idempotencyKey: 'cancel-key-5' });
    expect(answer.status).toBe(400);
  });
});
