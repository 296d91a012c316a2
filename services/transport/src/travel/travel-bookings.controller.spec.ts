import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule } from '@oioo/auth';
import { type BookTravelBody, type TravelBookedData, Topics, bookTravelBodySchema, bookTravelResponseSchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { EventProducer } from '@oioo/kafka';
import { TestIssuer } from '@oioo/testing';
import { TRANSPORT_CONFIG } from '../config/transport-config';
import { type TransportKit, openMigratedDatabase, problemDocument, testConfig, transportKit } from '../test-support/transport-test-kit';
import { TravelBookingService } from './travel-booking.service';
import { TravelBookingsController } from './travel-bookings.controller';
import { TravelBookingsRepository } from './travel-bookings.repository';

let issuer: TestIssuer;
let db: Database;
let kit: TransportKit;
let app: INestApplication;
let baseUrl: string;
let journeys: TravelBookingsRepository;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  db = await openMigratedDatabase();
  kit = await transportKit(db);
  journeys = new TravelBookingsRepository(db);
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot({ service: 'transport' })],
    controllers: [TravelBookingsController],
    providers: [
      TravelBookingService,
      TravelBookingsRepository,
      { provide: DATABASE, useValue: db },
      { provide: EventProducer, useValue: kit.producer },
      { provide: TRANSPORT_CONFIG, useValue: kit.config },
    ],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});
afterEach(() => {
  kit.kafka.sent.length = 0;
  kit.kafka.sendError = undefined;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await issuer?.stop();
});

/** Posts JSON as the EOI workflow's activity does, with the worker's access token. */
async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await issuer.serviceToken('svc-worker')}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

let sequence = 0;
/** A body as the EOI workflow's activity sends it, checked against the contract; each call a new EOI. */
function travelBody(overrides: Partial<BookTravelBody> = {}): BookTravelBody {
  sequence += 1;
  const eoiId = `eoi_TRV${String(sequence).padStart(10, '0')}`;
  return bookTravelBodySchema.parse({
    eoiId,
    personIds: [`per_TRV${String(sequence).padStart(10, '0')}A`, `per_TRV${String(sequence).padStart(10, '0')}B`],
    notBefore: '2099-06-01T10:00:00Z',
    idempotencyKey: `eoi:${eoiId}:travel:1`,
    ...overrides,
  });
}

function booked(): { key: string; event: { eventId: string; source: string; subject: string; correlationId: string; data: TravelBookedData } }[] {
  return kit.kafka.sentTo(Topics.travelBooked.name).map((message) => ({ key: String(message.key), event: JSON.parse(String(message.value)) }));
}

describe('POST /travel-bookings', () => {
  it('E7 books the first daily departure at or after notBefore to the configured port and publishes transport.travel.booked.v1 keyed by the EOI id', async () => {
    const body = travelBody();
    const answer = await post('/travel-bookings', body);

    expect(answer.status).toBe(200);
    // 10:00 is past the 09:00 UTC departure, so the journey takes the next day's.
    expect(bookTravelResponseSchema.parse(answer.body)).toEqual({
      travelReference: expect.stringMatching(/^trv_[0-9a-f]{32}$/),
      departsAt: '2099-06-02T09:00:00.000Z',
      arrivalPort: 'London St Pancras',
    });
    const { travelReference } = answer.body as { travelReference: string };
    const [sent, ...more] = booked();
    expect(more).toEqual([]);
    expect(sent?.key).toBe(body.eoiId);
    expect(sent?.event).toMatchObject({ source: 'uk-transport', subject: body.eoiId, correlationId: `eoi:${body.eoiId}` });
    expect(sent?.event.data).toEqual({ eoiId: body.eoiId, travelReference, personIds: body.personIds, departsAt: '2099-06-02T09:00:00.000Z', arrivalPort: 'London St Pancras' });
    expect(JSON.stringify(sent?.event)).not.toContain('idempotency');
    await expect(journeys.findByReference(travelReference)).resolves.toMatchObject({ eoiId: body.eoiId, personIds: body.personIds, publishedAt: expect.any(Date) });
  });

  it('E7 is idempotent by key: a repeat answers the same journey and publishes nothing more', async () => {
    const body = travelBody();
    const first = await post('/travel-bookings', body);
    const repeat = await post('/travel-bookings', { ...body, personIds: [...body.personIds].reverse() });

    expect(repeat).toEqual(first);
    expect(booked()).toHaveLength(1);
    await expect(journeys.findByEoi(body.eoiId)).resolves.toHaveLength(1);
  });

  it('E7 answers 503 when the event cannot be published, and the retry with the same key publishes it under the same reference and event id', async () => {
    const body = travelBody();
    kit.kafka.sendError = new Error('broker unreachable');
    const failed = await post('/travel-bookings', body);
    expect(failed).toEqual({ status: 503, body: problemDocument(503, 'PUBLISH_FAILED', expect.stringContaining('trv_')) });
    const [pending] = await journeys.findByEoi(body.eoiId);
    expect(pending?.publishedAt).toBeUndefined();

    kit.kafka.sendError = undefined;
    const retried = await post('/travel-bookings', body);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ travelReference: pending?.travelReference, departsAt: pending?.departsAt.toISOString() });
    const [sent, ...more] = booked();
    expect(more).toEqual([]);
    expect(sent?.event.eventId).toBe(pending?.eventId);
  });

  it('refuses a key reused for another request with 409 IDEMPOTENCY_KEY_REUSED, booking nothing more', async () => {
    const body = travelBody();
    await post('/travel-bookings', body);
    const reused = await post('/travel-bookings', { ...body, notBefore: '2099-07-01T00:00:00Z' });

    expect(reused).toEqual({ status: 409, body: problemDocument(409, 'IDEMPOTENCY_KEY_REUSED', expect.any(String)) });
    expect(booked()).toHaveLength(1);
    await expect(journeys.findByEoi(body.eoiId)).resolves.toHaveLength(1);
  });

  it('refuses a body that breaks the contract with 400 INVALID_INPUT naming the field', async () => {
    const answer = await post('/travel-bookings', { ...travelBody(), eoiId: 'Jane Doe', personIds: [] });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(problemDocument(400, 'INVALID_INPUT', expect.stringContaining('eoiId')));
    expect((answer.body as { detail: string }).detail).toContain('personIds');
    expect(booked()).toEqual([]);
  });
});

describe('the travel timetable', () => {
  const NOW = new Date('2030-03-01T00:00:00Z');

  async function departureFor(env: Record<string, string>, notBefore: string, now = NOW): Promise<{ departsAt: string; arrivalPort: string }> {
    const service = new TravelBookingService(testConfig(env), journeys, kit.producer);
    const { departsAt, arrivalPort } = await service.book(travelBody({ notBefore }), now);
    return { departsAt, arrivalPort };
  }

  it('E7 a departure exactly at notBefore is taken; TRAVEL_DEPARTURE_HOUR_UTC and TRAVEL_ARRIVAL_PORT set the train and the port', async () => {
    await expect(departureFor({}, '2030-03-05T09:00:00Z')).resolves.toEqual({ departsAt: '2030-03-05T09:00:00.000Z', arrivalPort: 'London St Pancras' });
    await expect(departureFor({ TRAVEL_DEPARTURE_HOUR_UTC: '7', TRAVEL_ARRIVAL_PORT: 'Ashford International' }, '2030-03-05T09:00:00Z')).resolves.toEqual({
      departsAt: '2030-03-06T07:00:00.000Z',
      arrivalPort: 'Ashford International',
    });
  });

  it('E7 never books a train that has left, even when notBefore lies in the past', async () => {
    await expect(departureFor({}, '2030-02-01T00:00:00Z', new Date('2030-03-06T09:30:00Z'))).resolves.toMatchObject({ departsAt: '2030-03-07T09:00:00.000Z' });
  });

  it('E7 a compressed demonstration (TRANSPORT_TIME_COMPRESSION) runs the daily train every 24 h divided by the compression', async () => {
    // 1440: a train every simulated day, i.e. every real minute, on the same anchor.
    await expect(departureFor({ TRANSPORT_TIME_COMPRESSION: '1440' }, '2030-03-05T10:00:30Z')).resolves.toMatchObject({ departsAt: '2030-03-05T10:01:00.000Z' });
  });
});
