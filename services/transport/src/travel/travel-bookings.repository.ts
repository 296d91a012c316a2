import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@oioo/database';

/** A journey about to be recorded (E7): opaque ids only (S3). */
export interface NewTravelBooking {
  travelReference: string;
  idempotencyKey: string;
  /** Fingerprint of the request, so a key reused for another request is noticed. */
  requestHash: string;
  eoiId: string;
  personIds: string[];
  notBefore: Date;
  departsAt: Date;
  arrivalPort: string;
  /** Id of the travel-booked event; every publish attempt reuses it, so consumers can drop copies. */
  eventId: string;
  bookedAt: Date;
}

/** A journey as stored. */
export interface TravelBooking extends NewTravelBooking {
  /** When the travel-booked event was published; absent until a publish succeeds. */
  publishedAt?: Date;
}

interface TravelBookingRow {
  travel_reference: string;
  idempotency_key: string;
  request_hash: string;
  eoi_id: string;
  person_ids: string[];
  not_before: Date;
  departs_at: Date;
  arrival_port: string;
  event_id: string;
  booked_at: Date;
  published_at: Date | null;
}

const COLUMNS = 'travel_reference, idempotency_key, request_hash, eoi_id, person_ids, not_before, departs_at, arrival_port, event_id, booked_at, published_at';

/** E7: the journeys booked for granted applicants. */
@Injectable()
export class TravelBookingsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records the journey once per idempotency key; a key already used returns the journey recorded under it. */
  async record(booking: NewTravelBooking): Promise<{ created: boolean; booking: TravelBooking }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<TravelBookingRow>(
        `INSERT INTO travel_bookings (travel_reference, idempotency_key, request_hash, eoi_id, person_ids, not_before, departs_at, arrival_port, event_id, booked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
        [
          booking.travelReference,
          booking.idempotencyKey,
          booking.requestHash,
          booking.eoiId,
          [...booking.personIds],
          booking.notBefore.toISOString(),
          booking.departsAt.toISOString(),
          booking.arrivalPort,
          booking.eventId,
          booking.bookedAt.toISOString(),
        ],
      );
      if (inserted.rows[0]) return { created: true, booking: toBooking(inserted.rows[0]) };
      const { rows } = await tx.query<TravelBookingRow>(`SELECT ${COLUMNS} FROM travel_bookings WHERE idempotency_key = $1`, [booking.idempotencyKey]);
      if (!rows[0]) throw new Error(`travel booking under key ${booking.idempotencyKey} vanished while being recorded`);
      return { created: false, booking: toBooking(rows[0]) };
    });
  }

  /** Marks the journey's event published at `at`, unless an earlier publish was recorded. */
  async markPublished(travelReference: string, at: Date): Promise<void> {
    await this.db.query('UPDATE travel_bookings SET published_at = COALESCE(published_at, $2) WHERE travel_reference = $1', [travelReference, at.toISOString()]);
  }

  /** The journey with this reference, if this service booked it. */
  async findByReference(travelReference: string): Promise<TravelBooking | undefined> {
    const { rows } = await this.db.query<TravelBookingRow>(`SELECT ${COLUMNS} FROM travel_bookings WHERE travel_reference = $1`, [travelReference]);
    return rows[0] && toBooking(rows[0]);
  }

  /** Every journey booked for an EOI, oldest first. */
  async findByEoi(eoiId: string): Promise<TravelBooking[]> {
    const { rows } = await this.db.query<TravelBookingRow>(`SELECT ${COLUMNS} FROM travel_bookings WHERE eoi_id = $1 ORDER BY booked_at, travel_reference`, [eoiId]);
    return rows.map(toBooking);
  }
}

function toBooking(row: TravelBookingRow): TravelBooking {
  return {
    travelReference: row.travel_reference,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    eoiId: row.eoi_id,
    personIds: [...row.person_ids],
    notBefore: row.not_before,
    departsAt: row.departs_at,
    arrivalPort: row.arrival_port,
    eventId: row.event_id,
    bookedAt: row.booked_at,
    ...(row.published_at === null ? {} : { publishedAt: row.published_at }),
  };
}
