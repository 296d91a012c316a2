import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import { type BookAppointmentBody, Topics, bookAppointmentResponseSchema, eoiWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { DATABASE, type Database } from '@oioo/database';
import { EventProducer } from '@oioo/kafka';
import { ServiceError } from '@oioo/service-kit';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config';
import { EoiSubmissionsRepository, peopleNotIn } from './eoi-submissions.repository';
import { newAppointmentReference } from './legal-route-ids';
import { publishEoiEvent } from './legal-route-publishing';
import { type VacAppointmentRecord, VacAppointmentsRepository } from './vac-appointments.repository';

/** The answer to a booking. */
export type BookAppointmentResponse = z.infer<typeof bookAppointmentResponseSchema>;

/** E7: the visa application centre invited applicants attend; RULES.md names Paris, so it is not a setting. */
export const VAC_CENTRE = 'Paris';

const HOUR_MS = 60 * 60 * 1000;

/**
 * E7: books the people of an EOI into the visa application centre and tells the centre and the portal.
 * Idempotent by the caller's key: the appointment (reference and time) is recorded first, then published;
 * a repeat answers the same appointment and publishes nothing again, unless the first publish failed.
 */
@Injectable()
export class VacAppointmentBooker {
  private readonly logger = createLogger('identity').child({ feature: 'vac-appointments' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly submissions: EoiSubmissionsRepository,
    private readonly appointments: VacAppointmentsRepository,
    private readonly events: EventProducer,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'vacAppointmentLeadHours' | 'legalRouteTimeCompression'>,
  ) {}

  /** Books the appointment (once per key), publishes it if it has not been yet, and answers its reference, centre and time. */
  async book(body: BookAppointmentBody): Promise<BookAppointmentResponse> {
    const appointment = await this.db.transaction(async (tx) => {
      const earlier = await this.appointments.findByKey(tx, body.idempotencyKey);
      if (earlier) return sameBooking(earlier, body);
      const people = await this.submissions.personIdsOf(tx, body.eoiId);
      if (!people) throw new ServiceError(HttpStatus.NOT_FOUND, 'UNKNOWN_EOI', `identity has received no submission of ${body.eoiId}`);
      const strangers = peopleNotIn(people, body.personIds);
      if (strangers.length > 0) throw new ServiceError(HttpStatus.UNPROCESSABLE_ENTITY, 'NOT_IN_EOI', `not in EOI ${body.eoiId}: ${strangers.join(', ')}`);
      // The lead time is policy; a demonstration compresses it with the case's own deadlines.
      const leadMs = (this.config.vacAppointmentLeadHours * HOUR_MS) / this.config.legalRouteTimeCompression;
      const booked = await this.appointments.bookOnce(tx, {
        appointmentReference: newAppointmentReference(),
        idempotencyKey: body.idempotencyKey,
        eoiId: body.eoiId,
        personIds: [...new Set(body.personIds)],
        centre: VAC_CENTRE,
        at: new Date(Date.now() + leadMs),
        eventId: randomUUID(),
      });
      return sameBooking(booked, body);
    });
    if (!appointment.publishedAt) await this.publish(appointment);
    return bookAppointmentResponseSchema.parse({ appointmentReference: appointment.appointmentReference, centre: appointment.centre, at: appointment.at.toISOString() });
  }

  private async publish(appointment: VacAppointmentRecord): Promise<void> {
    const publishedAt = new Date();
    await publishEoiEvent(
      this.events,
      Topics.appointmentBooked,
      {
        eoiId: appointment.eoiId,
        eventId: appointment.eventId,
        occurredAt: publishedAt,
        data: {
          eoiId: appointment.eoiId,
          appointmentReference: appointment.appointmentReference,
          personIds: appointment.personIds,
          centre: appointment.centre,
          at: appointment.at.toISOString(),
        },
      },
      this.logger,
    );
    await this.appointments.markPublished(this.db, appointment.appointmentReference, publishedAt);
    this.logger.info('visa application centre appointment booked', {
      workflowId: eoiWorkflowId(appointment.eoiId),
      appointmentReference: appointment.appointmentReference,
      people: appointment.personIds.length,
    });
  }
}

/** The recorded appointment, if the body books the same people of the same EOI; a key reused for something else is refused. */
function sameBooking(recorded: VacAppointmentRecord, body: BookAppointmentBody): VacAppointmentRecord {
  const same = recorded.eoiId === body.eoiId && recorded.personIds.length === new Set(body.personIds).size && body.personIds.every((personId) => recorded.personIds.includes(personId));
  if (!same) throw new ServiceError(HttpStatus.CONFLICT, 'IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for another appointment; nothing was booked');
  return recorded;
}
