import { Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';

/** E7: an appointment at the visa application centre for the people of an EOI. */
export interface VacAppointmentRecord {
  appointmentReference: string;
  idempotencyKey: string;
  eoiId: string;
  personIds: string[];
  centre: string;
  at: Date;
  /** The booking event's id, fixed when booked so every publication of it is the same event. */
  eventId: string;
  /** When the booking event went out; absent until then. */
  publishedAt?: Date;
}

interface AppointmentRow {
  appointment_reference: string;
  idempotency_key: string;
  eoi_id: string;
  person_ids: string[];
  centre: string;
  at: Date;
  event_id: string;
  published_at: Date | null;
}

const COLUMNS = 'appointment_reference, idempotency_key, eoi_id, person_ids, centre, at, event_id, published_at';

/** E7: the appointments identity booked, one per idempotency key. */
@Injectable()
export class VacAppointmentsRepository {
  /** The appointment booked under a key, if any. */
  async findByKey(q: Queryable, idempotencyKey: string): Promise<VacAppointmentRecord | undefined> {
    const row = (await q.query<AppointmentRow>(`SELECT ${COLUMNS} FROM vac_appointments WHERE idempotency_key = $1`, [idempotencyKey])).rows[0];
    return row ? toRecord(row) : undefined;
  }

  /** The appointment with this reference, if identity booked it. */
  async findByReference(q: Queryable, appointmentReference: string): Promise<VacAppointmentRecord | undefined> {
    const row = (await q.query<AppointmentRow>(`SELECT ${COLUMNS} FROM vac_appointments WHERE appointment_reference = $1`, [appointmentReference])).rows[0];
    return row ? toRecord(row) : undefined;
  }

  /** Books the appointment unless its key is taken, and returns the one that stands (the first). */
  async bookOnce(q: Queryable, appointment: Omit<VacAppointmentRecord, 'publishedAt'>): Promise<VacAppointmentRecord> {
    const inserted = await q.query<AppointmentRow>(
      `INSERT INTO vac_appointments (appointment_reference, idempotency_key, eoi_id, person_ids, centre, at, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
      [appointment.appointmentReference, appointment.idempotencyKey, appointment.eoiId, appointment.personIds, appointment.centre, appointment.at, appointment.eventId],
    );
    const row = inserted.rows[0];
    if (row) return toRecord(row);
    const existing = await this.findByKey(q, appointment.idempotencyKey);
    if (!existing) throw new Error('appointment vanished');
    return existing;
  }

  /** Records that the booking event went out (the first time stands). */
  async markPublished(q: Queryable, appointmentReference: string, at: Date): Promise<void> {
    await q.query('UPDATE vac_appointments SET published_at = COALESCE(published_at, $2) WHERE appointment_reference = $1', [appointmentReference, at]);
  }
}

function toRecord(row: AppointmentRow): VacAppointmentRecord {
  return {
    appointmentReference: row.appointment_reference,
    idempotencyKey: row.idempotency_key,
    eoiId: row.eoi_id,
    personIds: row.person_ids,
    centre: row.centre,
    at: row.at,
    eventId: row.event_id,
    ...(row.published_at === null ? {} : { publishedAt: row.published_at }),
  };
}
