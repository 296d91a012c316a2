import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { RegistersModule } from '../registers/registers.module';
import { BiometricCapturesRepository } from './biometric-captures.repository';
import { BiometricsCaptureHandler } from './biometrics-capture.handler';
import { EnrolmentRegisterChecksController } from './enrolment-register-checks.controller';
import { EnrolmentRegisterChecks } from './enrolment-register-checks.service';
import { EoiCaseGateway } from './eoi-case.gateway';
import { EoiSubmissionHandler } from './eoi-submission.handler';
import { EoiSubmissionsRepository } from './eoi-submissions.repository';
import { PresenceConfirmationHandler } from './presence-confirmation.handler';
import { PresenceRequester } from './presence-requester.service';
import { PresenceRequestsController } from './presence-requests.controller';
import { PresenceRequestsRepository } from './presence-requests.repository';
import { VacAppointmentBooker } from './vac-appointment-booker.service';
import { VacAppointmentsController } from './vac-appointments.controller';
import { VacAppointmentsRepository } from './vac-appointments.repository';

/**
 * The legal route's side of identity (E1–E7): EOI submissions, presence requests and confirmations,
 * visa application centre appointments and biometrics, and the E4 register check of an enrolment. Its
 * `@EventHandler`s join the service's consumer group through the platform's KafkaModule.
 */
@Module({
  imports: [TemporalClientModule, EnrolmentsModule, RegistersModule],
  controllers: [PresenceRequestsController, VacAppointmentsController, EnrolmentRegisterChecksController],
  providers: [
    EoiCaseGateway,
    EoiSubmissionsRepository,
    EoiSubmissionHandler,
    PresenceRequestsRepository,
    PresenceRequester,
    PresenceConfirmationHandler,
    VacAppointmentsRepository,
    VacAppointmentBooker,
    BiometricCapturesRepository,
    BiometricsCaptureHandler,
    EnrolmentRegisterChecks,
  ],
})
export class LegalRouteModule {}
