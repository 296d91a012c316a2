import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@oioo/database';
import { SEAT_HOLDING_STATUSES } from '../movements/movements.repository';

/** One passenger of a manifest, by opaque ids only (R12); the person id is missing where the booking did not carry it. */
export interface ManifestPassenger {
  caseId: string;
  personId: string | null;
}

/** Reads who is on a movement, for its manifest to France (R9). */
@Injectable()
export class ManifestsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Passengers holding a seat on the movement, ordered by case id so the same people always give the same manifest. */
  async passengersOf(movementId: string): Promise<ManifestPassenger[]> {
    const { rows } = await this.db.query<{ case_id: string; person_id: string | null }>(
      `SELECT case_id, person_id FROM bookings WHERE movement_id = $1 AND status IN ${SEAT_HOLDING_STATUSES} ORDER BY case_id`,
      [movementId],
    );
    return rows.map((row) => ({ caseId: row.case_id, personId: row.person_id }));
  }
}
