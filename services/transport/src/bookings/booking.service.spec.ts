import { type Database } from '@oioo/database';
import { ServiceError } from '@oioo/service-kit';
import { BoardingRecordsRepository } from '../movement-events/boarding-records.repository';
import { type TransportKit, caseId, openMigratedDatabase, personId, seatsOf, testConfig, transportKit } from '../test-support/transport-test-kit';
import { type BookingRequest } from './booking-request';

const NOW = new Date('2030-03-01T00:00:00Z');
const NOT_BEFORE = '2030-03-05T10:00:00Z';
/** The first daily 08:00 UTC departure at or after NOT_BEFORE. */
const FIRST_DEPARTURE = '2030-03-06T08:00:00.000Z';
const SECOND_DEPARTURE = '2030-03-07T08:00:00.000Z';

let db: Database;
let kit: TransportKit;

beforeEach(async () => {
  db = await openMigratedDatabase();
  kit = await transportKit(db);
});
afterEach(() => db.close());

function request(n: number, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return { caseId: caseId(n), personId: personId(n), notBefore: NOT_BEFORE, bookingNumber: 1, idempotencyKey: `readmission:${caseId(n)}:booking:1`, ...overrides };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return { status: (error as ServiceError).getStatus(), code: (error as ServiceError).code };
}

describe('booking a seat', () => {
  it('R9 books the first scheduled departure at or after notBefore, to the designated entry point', async () => {
    const seat = await kit.bookings.book(request(1), NOW);

    expect(seat).toEqual({ movementId: expect.stringMatching(/^mov_[0-9a-f]{32}$/), departsAt: FIRST_DEPARTURE });
    const movement = await kit.movements.findById(seat.movementId);
    expect(movement).toMatchObject({ entryPoint: 'Paris-CDG', capacity: 20, seatsTaken: 1, status: 'scheduled' });
  });

  it('never books a departure that has already left, even when notBefore lies in the past', async () => {
    const seat = await kit.bookings.book(request(1, { notBefore: '2030-02-01T00:00:00Z' }), new Date('2030-03-06T09:00:00Z'));
    expect(seat.departsAt).toBe(SECOND_DEPARTURE);
  });

  it('the same idempotency key answers the same seat and takes no second one', async () => {
    const first = await kit.bookings.book(request(1), NOW);
    const again = await kit.bookings.book(request(1), new Date(NOW.getTime() + 60_000));

    expect(again).toEqual(first);
    expect(await seatsOf(db, first.movementId)).toEqual({ seatsTaken: 1, holding: 1 });
    expect(await kit.bookingsRepository.findByCase(caseId(1))).toHaveLength(1);
  });

  it('concurrent repeats of one request take a single seat', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => kit.bookings.book(request(1), NOW)));
    expect(new Set(answers.map((answer) => answer.movementId)).size).toBe(1);
    expect(await seatsOf(db, answers[0]?.movementId as string)).toEqual({ seatsTaken: 1, holding: 1 });
  });

  it('a key reused for a different request is refused with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    await kit.bookings.book(request(1), NOW);
    await expect(refusal(kit.bookings.book(request(1, { notBefore: '2030-03-10T00:00:00Z' }), NOW))).resolves.toEqual({
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });
});

describe('capacity', () => {
  it('R9 a full movement never takes one more: 25 concurrent bookings with capacity 20 put 20 on the first movement and 5 on the next', async () => {
    const seats = await Promise.all(Array.from({ length: 25 }, (_, index) => kit.bookings.book(request(index + 1), NOW)));

    const byDeparture = new Map<string, string[]>();
    for (const seat of seats) byDeparture.set(seat.departsAt, [...(byDeparture.get(seat.departsAt) ?? []), seat.movementId]);
    expect(Object.fromEntries([...byDeparture].map(([departsAt, movements]) => [departsAt, movements.length]))).toEqual({
      [FIRST_DEPARTURE]: 20,
      [SECOND_DEPARTURE]: 5,
    });
    const [first, second] = [...byDeparture.values()].map((movements) => movements[0] as string);
    expect(await seatsOf(db, first as string)).toEqual({ seatsTaken: 20, holding: 20 });
    expect(await seatsOf(db, second as string)).toEqual({ seatsTaken: 5, holding: 5 });
  });

  it('R9 capacity is policy: TRANSPORT_MOVEMENT_CAPACITY sets the seats of new movements', async () => {
    const small = await transportKit(db, testConfig({ TRANSPORT_MOVEMENT_CAPACITY: '2' }));
    const seats = await Promise.all([1, 2, 3].map((n) => small.bookings.book(request(n), NOW)));
    expect(seats.map((seat) => seat.departsAt).sort()).toEqual([FIRST_DEPARTURE, FIRST_DEPARTURE, SECOND_DEPARTURE]);
  });

  it('R9 the table itself refuses more seats than capacity, whatever the code does', async () => {
    const small = await transportKit(db, testConfig({ TRANSPORT_MOVEMENT_CAPACITY: '1' }));
    const { movementId } = await small.bookings.book(request(1), NOW);
    await db.query(
      `INSERT INTO bookings (booking_id, idempotency_key, request_hash, case_id, booking_number, movement_id, booked_at)
       VALUES ('bkg_FORCED0000001', 'forced-key-1', 'x', $1, 1, $2, $3)`,
      [caseId(2), movementId, NOW.toISOString()],
    );
    await expect(db.transaction((tx) => small.movements.syncSeatsTaken(tx, movementId))).rejects.toMatchObject({ code: '23514' });
  });
});

describe('one seat per case', () => {
  it('a case holding a seat is refused a second one under another key with 409 CASE_ALREADY_BOOKED', async () => {
    await kit.bookings.book(request(1), NOW);
    const second = request(1, { bookingNumber: 2, idempotencyKey: `readmission:${caseId(1)}:booking:2`, notBefore: '2030-03-20T00:00:00Z' });

    await expect(refusal(kit.bookings.book(second, NOW))).resolves.toEqual({ status: 409, code: 'CASE_ALREADY_BOOKED' });
    expect(await kit.bookingsRepository.findByCase(caseId(1))).toHaveLength(1);
  });

  it('two concurrent bookings of one case under different keys leave it one seat', async () => {
    const attempts = await Promise.allSettled(
      [1, 2].map((number) => kit.bookings.book(request(1, { bookingNumber: number, idempotencyKey: `readmission:${caseId(1)}:booking:${number}` }), NOW)),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual(['fulfilled', 'rejected']);
    const bookings = await kit.bookingsRepository.findByCase(caseId(1));
    expect(bookings.filter((booking) => booking.status === 'booked')).toHaveLength(1);
  });
});

describe('cancelling a booking', () => {
  it('R9 cancellation frees the seat for another case', async () => {
    const small = await transportKit(db, testConfig({ TRANSPORT_MOVEMENT_CAPACITY: '1' }));
    const first = await small.bookings.book(request(1), NOW);
    expect((await small.bookings.book(request(2), NOW)).departsAt).toBe(SECOND_DEPARTURE);

    await small.bookings.cancel({ caseId: caseId(1), movementId: first.movementId, reason: 'R7: legal hold chl_0000000001', idempotencyKey: 'cancel-key-1' }, NOW);

    expect(await seatsOf(db, first.movementId)).toEqual({ seatsTaken: 0, holding: 0 });
    expect(await small.bookings.book(request(3), NOW)).toEqual(first);
  });

  it('a repeated cancellation, or one for a seat not held, changes nothing and succeeds', async () => {
    const seat = await kit.bookings.book(request(1), NOW);
    const cancellation = { caseId: caseId(1), movementId: seat.movementId, reason: 'case ended', idempotencyKey: 'cancel-key-1' };
    await kit.bookings.cancel(cancellation, NOW);
    await kit.bookings.book(request(2), NOW);

    await expect(kit.bookings.cancel(cancellation, NOW)).resolves.toBeUndefined();
    await expect(kit.bookings.cancel({ ...cancellation, caseId: caseId(9) }, NOW)).resolves.toBeUndefined();
    await expect(kit.bookings.cancel({ ...cancellation, movementId: 'mov_UNKNOWN000001' }, NOW)).resolves.toBeUndefined();
    expect(await seatsOf(db, seat.movementId)).toEqual({ seatsTaken: 1, holding: 1 });
  });

  it('after a cancellation the case books again under its next key', async () => {
    const seat = await kit.bookings.book(request(1), NOW);
    await kit.bookings.cancel({ caseId: caseId(1), movementId: seat.movementId, reason: 'R7: legal hold', idempotencyKey: 'cancel-key-1' }, NOW);

    const again = await kit.bookings.book(request(1, { bookingNumber: 2, idempotencyKey: `readmission:${caseId(1)}:booking:2` }), NOW);
    expect(again.departsAt).toBe(FIRST_DEPARTURE);
    expect((await kit.bookingsRepository.findByCase(caseId(1))).map((booking) => booking.status)).toEqual(['cancelled', 'booked']);
  });
});

describe('no-shows', () => {
  it('R9 a no-show gives the seat back, and the case is rebooked on a later movement, never the one it missed', async () => {
    const seat = await kit.bookings.book(request(1), NOW);
    const records = new BoardingRecordsRepository(db, kit.movements);
    await records.record({ movementId: seat.movementId, caseId: caseId(1), outcome: 'no-show', recordedAt: NOW, eventId: '7d0c3a52-8a5e-4e0f-9a43-1b8e6f1d2c01', receivedAt: NOW });

    expect(await seatsOf(db, seat.movementId)).toEqual({ seatsTaken: 0, holding: 0 });
    const rebooked = await kit.bookings.book(request(1, { bookingNumber: 2, idempotencyKey: `readmission:${caseId(1)}:booking:2` }), NOW);
    expect(rebooked.departsAt).toBe(SECOND_DEPARTURE);
  });
});
