import { ACCESS_POLICY } from '@oioo/auth';
import { transportSubjectAccessSchema } from '@oioo/contracts';
import { type Database } from '@oioo/database';
import { ServiceError } from '@oioo/service-kit';
import { openMigratedDatabase } from '../test-support/transport-test-kit';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessRepository } from './subject-access.repository';

let db: Database;
let controller: SubjectAccessController;

const PERSON = 'per_01J9ZQ4X7K3M2N8P6R5T';
const CHILD = 'per_01J9ZQ4X7K3M2N8P6CHILD';
const STRANGER = 'per_01J9ZQ4X7K3M2N8STRANGER';
const CASE = 'case_01J9ZQ4X7K3M2N8P6R5T';
const OTHER_CASE = 'case_01J9ZQ4X7K3M2N8OTHER0';
const EOI = 'eoi_01J9ZQ4X7K3M2N8P6R5T';

beforeAll(async () => {
  db = await openMigratedDatabase();
  controller = new SubjectAccessController(new SubjectAccessRepository(db));
  await db.exec(`
    INSERT INTO movements (movement_id, departs_at, entry_point, capacity, seats_taken, status) VALUES ('mov_01J9ZQ4X7K3M2N8P6R5T', '2025-09-20T06:00:00Z', 'FR-CQF', 50, 2, 'departed');
    INSERT INTO bookings (booking_id, idempotency_key, request_hash, case_id, person_id, booking_number, movement_id, status, booked_at) VALUES
      ('bkg_PERSON000001', 'b-1', 'h', '${CASE}', '${PERSON}', 1, 'mov_01J9ZQ4X7K3M2N8P6R5T', 'boarded', '2025-09-10T10:00:00Z'),
      ('bkg_STRANGER0001', 'b-2', 'h', '${OTHER_CASE}', '${STRANGER}', 1, 'mov_01J9ZQ4X7K3M2N8P6R5T', 'boarded', '2025-09-10T10:00:00Z');
    INSERT INTO boarding_records (booking_id, event_id, outcome, recorded_at, received_at) VALUES ('bkg_PERSON000001', 'evt-boarded', 'boarded', '2025-09-20T05:30:00Z', '2025-09-20T05:31:00Z');
    INSERT INTO handovers (handover_reference, event_id, case_id, movement_id, confirmed_at, received_at) VALUES
      ('hov_PERSON000001', 'evt-h1', '${CASE}', 'mov_01J9ZQ4X7K3M2N8P6R5T', '2025-09-20T08:00:00Z', '2025-09-20T08:01:00Z'),
      ('hov_STRANGER0001', 'evt-h2', '${OTHER_CASE}', 'mov_01J9ZQ4X7K3M2N8P6R5T', '2025-09-20T08:00:00Z', '2025-09-20T08:01:00Z');
    INSERT INTO travel_bookings (travel_reference, idempotency_key, request_hash, eoi_id, person_ids, not_before, departs_at, arrival_port, event_id, booked_at) VALUES
      ('trv_FAMILY000001', 't-1', 'h', '${EOI}', '{${PERSON},${CHILD}}', '2025-10-01T00:00:00Z', '2025-10-02T09:00:00Z', 'GB-DVR', gen_random_uuid(), '2025-09-25T10:00:00Z');
    INSERT INTO entry_records (event_id, eoi_id, person_id, travel_reference, arrived_at, port, case_state, forwarded_at) VALUES
      ('evt-e1', '${EOI}', '${PERSON}', 'trv_FAMILY000001', '2025-10-02T11:00:00Z', 'GB-DVR', 'granted', '2025-10-02T11:01:00Z'),
      ('evt-e2', '${EOI}', '${CHILD}', 'trv_FAMILY000001', '2025-10-02T11:00:00Z', 'GB-DVR', 'admitted', '2025-10-02T11:01:00Z');
  `);
}, 60_000);

afterAll(() => db?.close());

describe('transport\'s answer to a subject-access request', () => {
  it('holds the person\'s booking with its movement and boarding, the handover, the family journey and their own arrival, nobody else\'s', async () => {
    const held = transportSubjectAccessSchema.parse(await controller.gather(PERSON, { readmissionCaseIds: CASE, eoiIds: EOI }));

    expect(held.bookings).toEqual([
      expect.objectContaining({ bookingId: 'bkg_PERSON000001', status: 'boarded', movement: expect.objectContaining({ entryPoint: 'FR-CQF' }), boarding: expect.objectContaining({ outcome: 'boarded' }) }),
    ]);
    expect(held.handovers.map((handover) => handover.handoverReference)).toEqual(['hov_PERSON000001']);
    expect(held.travel).toEqual([expect.objectContaining({ travelReference: 'trv_FAMILY000001', arrivalPort: 'GB-DVR' })]);
    expect(held.entries).toEqual([expect.objectContaining({ eoiId: EOI, caseState: 'granted' })]);
    const text = JSON.stringify(held);
    for (const absent of [CHILD, STRANGER, 'bkg_STRANGER0001', 'hov_STRANGER0001']) expect(text).not.toContain(absent);
    expect(held.withheld).toEqual([expect.objectContaining({ what: expect.stringContaining('other travellers'), count: 1 })]);
  });

  it('refuses a query that is not a list of opaque case ids', async () => {
    await expect(controller.gather(PERSON, { readmissionCaseIds: 'Jane Doe' })).rejects.toBeInstanceOf(ServiceError);
    await expect(controller.gather('Jane Doe', {})).rejects.toBeInstanceOf(ServiceError);
  });

  it('admits the casework service\'s client only', () => {
    expect(Reflect.getMetadata(ACCESS_POLICY, SubjectAccessController.prototype.gather)).toEqual({ kind: 'services', clients: ['svc-casework'] });
  });
});
