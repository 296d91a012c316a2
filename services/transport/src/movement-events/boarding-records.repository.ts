import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Queryable } from '@oioo/database';
import { MovementsRepository } from '../movements/movements.repository';
import { lockCase } from '../shared/case-lock';
import { retriedTransaction } from '../shared/retried-transaction';

/** Whether the person boarded. */
export type BoardingOutcome = 'boarded' | 'no-show';

/** A boarding record to keep. */
export interface NewBoardingRecord {
  movementId: string;
  caseId: string;
  outcome: BoardingOutcome;
  recordedAt: Date;
  eventId: string;
  receivedAt: Date;
}

/** What recording a boarding found. */
export type BoardingRecordResult =
  | { kind: 'unknown-booking' }
  | { kind: 'conflicting'; recordedOutcome: BoardingOutcome }
  | {
      kind: 'recorded';
      bookingId: string;
      /** The first event's id: the command id the case workflow knows the record by. */
      commandId: string;
      /** True when the case workflow has already accepted it (this event is a copy). */
      forwarded: boolean;
      /** True when this call gave a seat back (a first no-show). */
      seatReleased: boolean;
    };

/** What undoing a refused record did to the seat. */
export type BoardingRevertResult = 'restored' | 'seat-lost' | 'nothing-to-undo';

interface RecordRow {
  booking_id: string;
  event_id: string;
  outcome: BoardingOutcome;
  forwarded_at: Date | null;
}

/** Escorts' boarding records. A no-show gives the seat back at once, so the workflow's rebooking finds it free. */
@Injectable()
export class BoardingRecordsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(MovementsRepository) private readonly movements: MovementsRepository,
  ) {}

  /**
   * Records boarding against the case's active booking on the movement. A copy of an event already
   * recorded (the same event id, or the same outcome for the same booking) finds the first record.
   */
  async record(input: NewBoardingRecord): Promise<BoardingRecordResult> {
    return retriedTransaction(this.db, async (tx) => {
      await lockCase(tx, input.caseId);
      const sameEvent = await this.findOne(tx, 'r.event_id = $1', [input.eventId]);
      if (sameEvent) return recorded(sameEvent, false);

      const { rows: active } = await tx.query<{ booking_id: string }>(
        `SELECT booking_id FROM bookings WHERE case_id = $1 AND movement_id = $2 AND status = 'booked'`,
        [input.caseId, input.movementId],
      );
      const booking = active[0];
      if (!booking) {
        const earlier = await this.findOne(tx, 'b.case_id = $1 AND b.movement_id = $2', [input.caseId, input.movementId]);
        if (!earlier) return { kind: 'unknown-booking' };
        return earlier.outcome === input.outcome ? recorded(earlier, false) : { kind: 'conflicting', recordedOutcome: earlier.outcome };
      }

      await this.movements.lockById(tx, input.movementId);
      await tx.query(`INSERT INTO boarding_records (booking_id, event_id, outcome, recorded_at, received_at) VALUES ($1, $2, $3, $4, $5)`, [
        booking.booking_id,
        input.eventId,
        input.outcome,
        input.recordedAt.toISOString(),
        input.receivedAt.toISOString(),
      ]);
      if (input.outcome === 'boarded') {
        await tx.query(`UPDATE bookings SET status = 'boarded' WHERE booking_id = $1`, [booking.booking_id]);
      } else {
        await tx.query(`UPDATE bookings SET status = 'no-show', released_at = $2, release_reason = 'no-show at boarding' WHERE booking_id = $1`, [
          booking.booking_id,
          input.receivedAt.toISOString(),
        ]);
        await this.movements.syncSeatsTaken(tx, input.movementId);
      }
      return { kind: 'recorded', bookingId: booking.booking_id, commandId: input.eventId, forwarded: false, seatReleased: input.outcome === 'no-show' };
    });
  }

  /** The case workflow accepted the record. */
  async markForwarded(bookingId: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE boarding_records SET forwarded_at = $2 WHERE booking_id = $1 AND forwarded_at IS NULL`, [bookingId, at.toISOString()]);
  }

  /**
   * Undoes a record the case workflow refused, so the two agree again: the record goes, and the booking
   * holds its seat again, unless a no-show's seat was taken meanwhile (then it stays given back).
   */
  async revert(bookingId: string, caseId: string): Promise<BoardingRevertResult> {
    return retriedTransaction(this.db, async (tx) => {
      await lockCase(tx, caseId);
      const { rows } = await tx.query<{ movement_id: string; status: string }>(
        `DELETE FROM boarding_records r USING bookings b WHERE r.booking_id = $1 AND b.booking_id = r.booking_id AND r.forwarded_at IS NULL
         RETURNING b.movement_id, b.status`,
        [bookingId],
      );
      const undone = rows[0];
      if (!undone) return 'nothing-to-undo';
      if (undone.status === 'boarded') {
        await tx.query(`UPDATE bookings SET status = 'booked' WHERE booking_id = $1`, [bookingId]);
        return 'restored';
      }
      if (undone.status !== 'no-show') return 'nothing-to-undo';
      const movement = await this.movements.lockById(tx, undone.movement_id);
      const held = await this.movements.countHeldSeats(tx, undone.movement_id);
      const { rowCount: otherSeat } = await tx.query(`SELECT 1 FROM bookings WHERE case_id = $1 AND status IN ('booked', 'boarded')`, [caseId]);
      if (!movement || movement.status !== 'scheduled' || held >= movement.capacity || otherSeat > 0) return 'seat-lost';
      await tx.query(`UPDATE bookings SET status = 'booked', released_at = NULL, release_reason = NULL WHERE booking_id = $1`, [bookingId]);
      await this.movements.syncSeatsTaken(tx, undone.movement_id);
      return 'restored';
    });
  }

  private async findOne(tx: Queryable, where: string, params: unknown[]): Promise<RecordRow | undefined> {
    const { rows } = await tx.query<RecordRow>(
      `SELECT r.booking_id, r.event_id, r.outcome, r.forwarded_at FROM boarding_records r JOIN bookings b ON b.booking_id = r.booking_id
       WHERE ${where} ORDER BY r.received_at DESC LIMIT 1`,
      params,
    );
    return rows[0];
  }
}

function recorded(row: RecordRow, seatReleased: boolean): BoardingRecordResult {
  return { kind: 'recorded', bookingId: row.booking_id, commandId: row.event_id, forwarded: row.forwarded_at !== null, seatReleased };
}
