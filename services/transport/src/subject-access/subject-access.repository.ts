import { Inject, Injectable } from '@nestjs/common';
import { EXEMPTION_REASONS, type SubjectAccessCases, type TransportSubjectAccess, type WithheldItem } from '@oioo/contracts';
import { DATABASE, type Database, type Queryable, isoTimestamp, isoTimestampOrNull } from '@oioo/database';

type Row = Record<string, unknown>;

/**
 * Right of access: what transport holds on one person: the seats booked for their readmission cases with the
 * movement and boarding, France's handovers, and on the legal route the journeys booked for them and their
 * arrival at the border. A journey booked for a family keeps the other travellers' ids out, and says so.
 */
@Injectable()
export class SubjectAccessRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** What transport holds on `personId` and the cases identity links to them. */
  async gather(personId: string, cases: SubjectAccessCases): Promise<TransportSubjectAccess> {
    return this.db.transaction((tx) => this.read(tx, personId, cases));
  }

  private async read(q: Queryable, personId: string, cases: SubjectAccessCases): Promise<TransportSubjectAccess> {
    const rows = async (sql: string, params: unknown[]) => (await q.query<Row>(sql, params)).rows;
    const bookings = await rows(
      `SELECT b.booking_id, b.case_id, b.booking_number, b.status, b.booked_at, b.released_at, b.release_reason,
              m.movement_id, m.departs_at, m.entry_point, m.status AS movement_status, br.outcome AS boarding_outcome, br.recorded_at AS boarding_recorded_at
       FROM bookings b JOIN movements m ON m.movement_id = b.movement_id LEFT JOIN boarding_records br ON br.booking_id = b.booking_id
       WHERE b.case_id = ANY($1::text[]) OR b.person_id = $2 ORDER BY b.booked_at, b.booking_id`,
      [cases.readmissionCaseIds, personId],
    );
    const handovers = await rows('SELECT handover_reference, case_id, movement_id, confirmed_at, received_at FROM handovers WHERE case_id = ANY($1::text[]) ORDER BY confirmed_at', [cases.readmissionCaseIds]);
    const travel = await rows(
      `SELECT travel_reference, eoi_id, not_before, departs_at, arrival_port, booked_at, published_at, cardinality(person_ids) AS people
       FROM travel_bookings WHERE eoi_id = ANY($1::text[]) AND $2 = ANY(person_ids) ORDER BY booked_at`,
      [cases.eoiIds, personId],
    );
    const entries = await rows('SELECT eoi_id, travel_reference, arrived_at, port, case_state FROM entry_records WHERE person_id = $1 ORDER BY arrived_at', [personId]);

    const withheld: WithheldItem[] = [];
    const others = travel.reduce((sum, row) => sum + Number(row['people']) - 1, 0);
    if (others > 0) withheld.push({ what: 'the other travellers of the person\'s journeys (their ids)', reason: EXEMPTION_REASONS.otherPerson, count: others });

    return {
      personId,
      bookings: bookings.map((row) => ({
        bookingId: String(row['booking_id']),
        caseId: String(row['case_id']),
        bookingNumber: Number(row['booking_number']),
        status: String(row['status']),
        bookedAt: isoTimestamp(row['booked_at']),
        releasedAt: isoTimestampOrNull(row['released_at']),
        releaseReason: (row['release_reason'] as string | null) ?? null,
        movement: { movementId: String(row['movement_id']), departsAt: isoTimestamp(row['departs_at']), entryPoint: String(row['entry_point']), status: String(row['movement_status']) },
        boarding: row['boarding_outcome'] ? { outcome: String(row['boarding_outcome']), recordedAt: isoTimestamp(row['boarding_recorded_at']) } : null,
      })),
      handovers: handovers.map((row) => ({
        handoverReference: String(row['handover_reference']),
        caseId: String(row['case_id']),
        movementId: String(row['movement_id']),
        confirmedAt: isoTimestamp(row['confirmed_at']),
        receivedAt: isoTimestamp(row['received_at']),
      })),
      travel: travel.map((row) => ({
        travelReference: String(row['travel_reference']),
        eoiId: String(row['eoi_id']),
        notBefore: isoTimestamp(row['not_before']),
        departsAt: isoTimestamp(row['departs_at']),
        arrivalPort: String(row['arrival_port']),
        bookedAt: isoTimestamp(row['booked_at']),
        publishedAt: isoTimestampOrNull(row['published_at']),
      })),
      entries: entries.map((row) => ({
        eoiId: String(row['eoi_id']),
        travelReference: (row['travel_reference'] as string | null) ?? null,
        arrivedAt: isoTimestamp(row['arrived_at']),
        port: String(row['port']),
        caseState: String(row['case_state']),
      })),
      withheld,
    };
  }
}
