import { Inject, Injectable } from '@nestjs/common';
import { type BiometricsCapturedData, type EventEnvelope, Topics, eoiWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { DATABASE, type Database, type Queryable } from '@oioo/database';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { EnrolmentsRepository } from '../enrolments/enrolments.repository';
import { type BiometricCapture, BiometricCapturesRepository } from './biometric-captures.repository';
import { EoiCaseGateway } from './eoi-case.gateway';
import { EoiSubmissionsRepository } from './eoi-submissions.repository';
import { VacAppointmentsRepository } from './vac-appointments.repository';

/**
 * E7: enrols the biometrics the visa application centre captured, so the register check (E4) and any later
 * match can use them, and tells the EOI case the enrolment reference, never the template (S3). A capture
 * for an EOI, person or appointment identity never booked is refused and dead-lettered with the reason.
 * One enrolment per person and appointment: every copy of the capture sends the case the same signal.
 */
@Injectable()
export class BiometricsCaptureHandler {
  private readonly logger = createLogger('identity').child({ feature: 'biometrics-captures' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly submissions: EoiSubmissionsRepository,
    private readonly appointments: VacAppointmentsRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly captures: BiometricCapturesRepository,
    private readonly cases: EoiCaseGateway,
  ) {}

  @EventHandler(Topics.biometricsCaptured)
  async onBiometricsCaptured(event: EventEnvelope<BiometricsCapturedData>): Promise<void> {
    await this.forward(event);
  }

  /** Checks the capture against the EOI and its appointment, enrols it (once), then signals the case. */
  async forward(event: EventEnvelope<BiometricsCapturedData>): Promise<BiometricCapture> {
    const capture = await this.db.transaction((tx) => this.enrolOnce(tx, event));
    const { eoiId, personId, appointmentReference, enrolmentReference, capturedAt } = capture;
    await this.cases.biometricsCaptured(eoiId, { eventId: capture.eventId, personId, appointmentReference, enrolmentReference, capturedAt });
    this.logger.info('biometrics enrolled and forwarded to the EOI case', { eventId: event.eventId, workflowId: eoiWorkflowId(eoiId), personId, appointmentReference, enrolmentReference });
    return capture;
  }

  private async enrolOnce(tx: Queryable, event: EventEnvelope<BiometricsCapturedData>): Promise<BiometricCapture> {
    const { eoiId, personId, appointmentReference, capturedAt, biometricTemplate } = event.data;
    const people = await this.submissions.personIdsOf(tx, eoiId);
    if (!people) throw new EventRejectedError(`biometrics for an unknown EOI: identity has received no submission of ${eoiId}`);
    if (!people.includes(personId)) throw new EventRejectedError(`biometrics for a person who is not in EOI ${eoiId}: ${personId}`);
    const appointment = await this.appointments.findByReference(tx, appointmentReference);
    if (appointment?.eoiId !== eoiId) throw new EventRejectedError(`appointment ${appointmentReference} was never booked for EOI ${eoiId}`);
    if (!appointment.personIds.includes(personId)) throw new EventRejectedError(`${personId} was not booked into appointment ${appointmentReference}`);

    const earlier = await this.captures.find(tx, appointmentReference, personId);
    if (earlier) return earlier;
    const { enrolment } = await this.enrolments.enrol(tx, {
      personId,
      caseId: eoiId,
      context: 'eoi',
      // One enrolment per person and appointment, whichever copy of the capture comes first.
      sourceKey: `vac:${appointmentReference}:${personId}`,
      eventId: event.eventId,
      template: biometricTemplate,
      capturedAt,
    });
    return this.captures.recordOnce(tx, { appointmentReference, personId, eoiId, eventId: event.eventId, enrolmentReference: enrolment.reference, capturedAt: enrolment.capturedAt });
  }
}
