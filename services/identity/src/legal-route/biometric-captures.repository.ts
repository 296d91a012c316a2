import { Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';

/** E7: one person's biometrics captured at an appointment, and the enrolment made of them. No template here. */
export interface BiometricCapture {
  appointmentReference: string;
  personId: string;
  eoiId: string;
  /** The capture event that came first; the case recognises copies by it. */
  eventId: string;
  enrolmentReference: string;
  capturedAt: string;
}

interface CaptureRow {
  appointment_reference: string;
  person_id: string;
  eoi_id: string;
  event_id: string;
  enrolment_reference: string;
  captured_at: Date;
}

const COLUMNS = 'appointment_reference, person_id, eoi_id, event_id, enrolment_reference, captured_at';

/** E7: the captures identity enrolled, one per person and appointment. */
@Injectable()
export class BiometricCapturesRepository {
  /** The capture recorded for a person at an appointment, if any. */
  async find(q: Queryable, appointmentReference: string, personId: string): Promise<BiometricCapture | undefined> {
    const row = (await q.query<CaptureRow>(`SELECT ${COLUMNS} FROM eoi_biometric_captures WHERE appointment_reference = $1 AND person_id = $2`, [appointmentReference, personId]))
      .rows[0];
    return row ? toCapture(row) : undefined;
  }

  /** Records the capture unless one exists for the person at the appointment, and returns the one that stands (the first). */
  async recordOnce(q: Queryable, capture: BiometricCapture): Promise<BiometricCapture> {
    const inserted = await q.query<CaptureRow>(
      `INSERT INTO eoi_biometric_captures (appointment_reference, person_id, eoi_id, event_id, enrolment_reference, captured_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (appointment_reference, person_id) DO NOTHING RETURNING ${COLUMNS}`,
      [capture.appointmentReference, capture.personId, capture.eoiId, capture.eventId, capture.enrolmentReference, capture.capturedAt],
    );
    const row = inserted.rows[0];
    if (row) return toCapture(row);
    const existing = await this.find(q, capture.appointmentReference, capture.personId);
    if (!existing) throw new Error('biometric capture vanished');
    return existing;
  }
}

function toCapture(row: CaptureRow): BiometricCapture {
  return {
    appointmentReference: row.appointment_reference,
    personId: row.person_id,
    eoiId: row.eoi_id,
    eventId: row.event_id,
    enrolmentReference: row.enrolment_reference,
    capturedAt: row.captured_at.toISOString(),
  };
}
