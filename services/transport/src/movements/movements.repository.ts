import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Queryable } from '@oioo/database';
import { newOpaqueId } from '../shared/opaque-ids';

/** States of a movement. */
export type MovementStatus = 'scheduled' | 'departed' | 'cancelled';

/** A movement as stored. */
export interface Movement {
  movementId: string;
  departsAt: Date;
  entryPoint: string;
  capacity: number;
  seatsTaken: number;
  status: MovementStatus;
  manifestSentAt: Date | null;
  manifestHash: string | null;
  manifestVersion: number;
}

interface MovementRow {
  movement_id: string;
  departs_at: Date;
  entry_point: string;
  capacity: number;
  seats_taken: number;
  status: MovementStatus;
  manifest_sent_at: Date | null;
  manifest_hash: string | null;
  manifest_version: number;
}

/** Booking statuses that hold a seat. */
export const SEAT_HOLDING_STATUSES = `('booked', 'boarded')`;

const MOVEMENT_COLUMNS = 'movement_id, departs_at, entry_point, capacity, seats_taken, status, manifest_sent_at, manifest_hash, manifest_version';

function toMovement(row: MovementRow): Movement {
  return {
    movementId: row.movement_id,
    departsAt: row.departs_at,
    entryPoint: row.entry_point,
    capacity: row.capacity,
    seatsTaken: row.seats_taken,
    status: row.status,
    manifestSentAt: row.manifest_sent_at,
    manifestHash: row.manifest_hash,
    manifestVersion: row.manifest_version,
  };
}

/** R9: the movements table. Methods taking `tx` run inside the caller's transaction. */
@Injectable()
export class MovementsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * The movement of a scheduled departure, created on first need with today's capacity, and locked
   * (`FOR UPDATE`) until the transaction ends, so bookings of one movement take seats one at a time.
   */
  async lockDeparture(tx: Queryable, departure: { departsAt: Date; entryPoint: string; capacity: number }): Promise<Movement> {
    await tx.query(
      `INSERT INTO movements (movement_id, departs_at, entry_point, capacity) VALUES ($1, $2, $3, $4)
       ON CONFLICT (departs_at, entry_point) DO NOTHING`,
      [newOpaqueId('mov'), departure.departsAt.toISOString(), departure.entryPoint, departure.capacity],
    );
    const { rows } = await tx.query<MovementRow>(`SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE departs_at = $1 AND entry_point = $2 FOR UPDATE`, [
      departure.departsAt.toISOString(),
      departure.entryPoint,
    ]);
    const row = rows[0];
    if (!row) throw new Error('a movement row vanished between its insert and its lock');
    return toMovement(row);
  }

  /** The movement, locked until the transaction ends; undefined when unknown. */
  async lockById(tx: Queryable, movementId: string): Promise<Movement | undefined> {
    const { rows } = await tx.query<MovementRow>(`SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE movement_id = $1 FOR UPDATE`, [movementId]);
    return rows[0] ? toMovement(rows[0]) : undefined;
  }

  /** The movement, read without a lock; undefined when unknown. */
  async findById(movementId: string, q: Queryable = this.db): Promise<Movement | undefined> {
    const { rows } = await q.query<MovementRow>(`SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE movement_id = $1`, [movementId]);
    return rows[0] ? toMovement(rows[0]) : undefined;
  }

  /** Seats held on the movement right now, counted from its bookings. */
  async countHeldSeats(tx: Queryable, movementId: string): Promise<number> {
    const { rows } = await tx.query<{ held: number }>(
      `SELECT count(*)::int AS held FROM bookings WHERE movement_id = $1 AND status IN ${SEAT_HOLDING_STATUSES}`,
      [movementId],
    );
    return rows[0]?.held ?? 0;
  }

  /**
   * Sets the movement's seat count from its bookings, in the transaction that changed them. The table's
   * CHECK (R9) then refuses the commit of any transaction that would leave more bookings than seats.
   */
  async syncSeatsTaken(tx: Queryable, movementId: string): Promise<void> {
    await tx.query(
      `UPDATE movements SET seats_taken = (SELECT count(*)::int FROM bookings WHERE movement_id = $1 AND status IN ${SEAT_HOLDING_STATUSES})
       WHERE movement_id = $1`,
      [movementId],
    );
  }

  /** Marks scheduled movements whose departure has passed as departed; returns how many. */
  async markDeparted(now: Date): Promise<number> {
    const { rowCount } = await this.db.query(`UPDATE movements SET status = 'departed' WHERE status = 'scheduled' AND departs_at <= $1`, [now.toISOString()]);
    return rowCount;
  }

  /** Scheduled movements departing after `now` and no later than `until`, earliest first. */
  async findScheduledDepartingBetween(now: Date, until: Date): Promise<Movement[]> {
    const { rows } = await this.db.query<MovementRow>(
      `SELECT ${MOVEMENT_COLUMNS} FROM movements WHERE status = 'scheduled' AND departs_at > $1 AND departs_at <= $2 ORDER BY departs_at`,
      [now.toISOString(), until.toISOString()],
    );
    return rows.map(toMovement);
  }

  /**
   * Records that France was sent version `version` of the manifest, unless another instance recorded a
   * later one meanwhile (then its record stands). Returns whether this record was written.
   */
  async recordManifestSent(movementId: string, sent: { version: number; hash: string; at: Date }): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE movements SET manifest_sent_at = $2, manifest_hash = $3, manifest_version = $4 WHERE movement_id = $1 AND manifest_version < $4`,
      [movementId, sent.at.toISOString(), sent.hash, sent.version],
    );
    return rowCount > 0;
  }
}
