import { type Queryable } from '@oioo/database';
import { type ServiceTable } from '../history';

/**
 * Transport's tables as R9's invariants read them (booking-once, movement-capacity, transfer-once), rows
 * reduced to opaque ids and counts, read through the service's own database connection. A seat held
 * (booked or boarded) counts as booked; a released one as cancelled. A row with no person id counts by its
 * case, which is one person.
 */
export async function readTransportTables(db: Queryable): Promise<ServiceTable[]> {
  const bookings = await db.query<{ movement_id: string; person_id: string; case_id: string; holding: boolean }>(
    `SELECT movement_id, coalesce(person_id, case_id) AS person_id, case_id, status IN ('booked', 'boarded') AS holding FROM bookings ORDER BY booked_at`,
  );
  const movements = await db.query<{ movement_id: string; capacity: number; seats_taken: number }>('SELECT movement_id, capacity, seats_taken FROM movements ORDER BY departs_at');
  const transfers = await db.query<{ case_id: string; person_id: string; movement_id: string; handover_reference: string }>(
    `SELECT h.case_id, coalesce(b.person_id, h.case_id) AS person_id, h.movement_id, h.handover_reference
       FROM handovers h LEFT JOIN bookings b ON b.case_id = h.case_id AND b.movement_id = h.movement_id AND b.status = 'boarded'
      ORDER BY h.confirmed_at`,
  );
  return [
    { table: 'transport.bookings', rows: bookings.rows.map((row) => ({ movementId: row.movement_id, personId: row.person_id, caseId: row.case_id, status: row.holding ? 'booked' : 'cancelled' })) },
    { table: 'transport.movements', rows: movements.rows.map((row) => ({ movementId: row.movement_id, capacity: row.capacity, bookedCount: row.seats_taken })) },
    { table: 'transport.transfers', rows: transfers.rows.map((row) => ({ caseId: row.case_id, personId: row.person_id, movementId: row.movement_id, handoverReference: row.handover_reference })) },
  ];
}
