import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Queryable } from '@oioo/database';
import { type Movement, MovementsRepository, SEAT_HOLDING_STATUSES } from '../movements/movements.repository';
import { lockCase } from '../shared/case-lock';
import { newOpaqueId } from '../shared/opaque-ids';
import { retriedTransaction } from '../shared/retried-transaction';

/** States of a booking: booked and boarded hold a seat; a no-show or a cancellation gives it back. */
export type BookingStatus = 'booked' | 'boarded' | 'no-show' | 'cancelled';

/** A booking with the departure of its movement. */
export interface Booking {
  bookingId: string;
  caseId: string;
  personId: string | null;
  bookingNumber: number;
  movementId: string;
  departsAt: Date;
  status: BookingStatus;
}

/** A booking request, checked and normalised by the service. */
export interface NewBooking {
  caseId: string;
  personId?: string;
  bookingNumber: number;
  idempotencyKey: string;
  /** Fingerprint of the request, so a key reused for another request is noticed. */
  requestHash: string;
  bookedAt: Date;
  /** Departures to try in order (the schedule from `earliest` on), with the policy for new movement rows. */
  departures: Iterable<Date>;
  entryPoint: string;
  capacity: number;
}

/** What became of a booking request. */
export type BookingOutcome =
  | { kind: 'booked'; booking: Booking; repeat: boolean }
  | { kind: 'key-reused' }
  | { kind: 'case-already-booked'; booking: Booking }
  | { kind: 'no-seat'; searched: number };

/** What became of a cancellation. */
export type CancellationOutcome = { kind: 'released'; booking: Booking } | { kind: 'nothing-held' };

interface BookingRow {
  booking_id: string;
  case_id: string;
  person_id: string | null;
  booking_number: number;
  movement_id: string;
  departs_at: Date;
  status: BookingStatus;
  request_hash: string;
}

const BOOKING_SELECT = `SELECT b.booking_id, b.case_id, b.person_id, b.booking_number, b.movement_id, m.departs_at, b.status, b.request_hash
  FROM bookings b JOIN movements m ON m.movement_id = b.movement_id`;

function toBooking(row: BookingRow): Booking {
  return {
    bookingId: row.booking_id,
    caseId: row.case_id,
    personId: row.person_id,
    bookingNumber: row.booking_number,
    movementId: row.movement_id,
    departsAt: row.departs_at,
    status: row.status,
  };
}

/** R9: seats on movements. Every change runs in one transaction with the movement row locked. */
@Injectable()
export class BookingsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(MovementsRepository) private readonly movements: MovementsRepository,
  ) {}

  /**
   * Books the first departure in `departures` that has a free seat. The idempotency key is checked
   * first, so a repeat answers the first booking; then the case's active booking (one per case); then
   * each movement is locked and its held seats counted before a seat is taken (R9).
   */
  async book(request: NewBooking, maxDepartures: number): Promise<BookingOutcome> {
    return retriedTransaction(this.db, async (tx) => {
      await lockCase(tx, request.caseId);
      const earlier = await this.findByKey(tx, request.idempotencyKey);
      if (earlier) {
        return earlier.request_hash === request.requestHash ? { kind: 'booked', booking: toBooking(earlier), repeat: true } : { kind: 'key-reused' };
      }
      const active = await this.findActive(tx, request.caseId);
      if (active) return { kind: 'case-already-booked', booking: active };

      let searched = 0;
      for (const departsAt of request.departures) {
        if (searched >= maxDepartures) break;
        searched += 1;
        const movement = await this.movements.lockDeparture(tx, { departsAt, entryPoint: request.entryPoint, capacity: request.capacity });
        if (!(await this.canTake(tx, movement, request.caseId))) continue;
        const booking = await this.insert(tx, request, movement);
        await this.movements.syncSeatsTaken(tx, movement.movementId);
        return { kind: 'booked', booking, repeat: false };
      }
      return { kind: 'no-seat', searched };
    });
  }

  /** Gives back the seat the case holds on the movement, if it holds one; a repeat finds nothing to give back. */
  async cancel(request: { caseId: string; movementId: string; reason: string; idempotencyKey: string; at: Date }): Promise<CancellationOutcome> {
    return retriedTransaction(this.db, async (tx) => {
      await lockCase(tx, request.caseId);
      const movement = await this.movements.lockById(tx, request.movementId);
      if (!movement) return { kind: 'nothing-held' };
      const { rows } = await tx.query<{ booking_id: string }>(
        `UPDATE bookings SET status = 'cancelled', released_at = $3, release_reason = $4, release_idempotency_key = $5
         WHERE case_id = $1 AND movement_id = $2 AND status IN ${SEAT_HOLDING_STATUSES} RETURNING booking_id`,
        [request.caseId, request.movementId, request.at.toISOString(), request.reason, request.idempotencyKey],
      );
      const released = rows[0];
      if (!released) return { kind: 'nothing-held' };
      await this.movements.syncSeatsTaken(tx, request.movementId);
      const booking = await this.findById(tx, released.booking_id);
      return { kind: 'released', booking: booking as Booking };
    });
  }

  /** The case's booking that holds a seat now, if any. */
  async findActive(q: Queryable, caseId: string): Promise<Booking | undefined> {
    const { rows } = await q.query<BookingRow>(`${BOOKING_SELECT} WHERE b.case_id = $1 AND b.status IN ${SEAT_HOLDING_STATUSES}`, [caseId]);
    return rows[0] ? toBooking(rows[0]) : undefined;
  }

  /** Every booking of a case, oldest first. */
  async findByCase(caseId: string): Promise<Booking[]> {
    const { rows } = await this.db.query<BookingRow>(`${BOOKING_SELECT} WHERE b.case_id = $1 ORDER BY b.booked_at, b.booking_number`, [caseId]);
    return rows.map(toBooking);
  }

  private async findByKey(tx: Queryable, idempotencyKey: string): Promise<BookingRow | undefined> {
    const { rows } = await tx.query<BookingRow>(`${BOOKING_SELECT} WHERE b.idempotency_key = $1`, [idempotencyKey]);
    return rows[0];
  }

  private async findById(tx: Queryable, bookingId: string): Promise<Booking | undefined> {
    const { rows } = await tx.query<BookingRow>(`${BOOKING_SELECT} WHERE b.booking_id = $1`, [bookingId]);
    return rows[0] ? toBooking(rows[0]) : undefined;
  }

  /**
   * Whether the case may take a seat on the locked movement: it must still be scheduled, have a free
   * seat (R9), and not be one the case failed to board (a no-show is rebooked on a later movement).
   */
  private async canTake(tx: Queryable, movement: Movement, caseId: string): Promise<boolean> {
    if (movement.status !== 'scheduled') return false;
    if ((await this.movements.countHeldSeats(tx, movement.movementId)) >= movement.capacity) return false;
    const { rowCount } = await tx.query(`SELECT 1 FROM bookings WHERE movement_id = $1 AND case_id = $2 AND status = 'no-show'`, [movement.movementId, caseId]);
    return rowCount === 0;
  }

  private async insert(tx: Queryable, request: NewBooking, movement: Movement): Promise<Booking> {
    const bookingId = newOpaqueId('bkg');
    await tx.query(
      `INSERT INTO bookings (booking_id, idempotency_key, request_hash, case_id, person_id, booking_number, movement_id, booked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        bookingId,
        request.idempotencyKey,
        request.requestHash,
        request.caseId,
        request.personId ?? null,
        request.bookingNumber,
        movement.movementId,
        request.bookedAt.toISOString(),
      ],
    );
    return {
      bookingId,
      caseId: request.caseId,
      personId: request.personId ?? null,
      bookingNumber: request.bookingNumber,
      movementId: movement.movementId,
      departsAt: movement.departsAt,
      status: 'booked',
    };
  }
}
