import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@oioo/service-kit';
import { AgeAssessmentsModule } from './age-assessments/age-assessments.module';
import { ArrivalsModule } from './arrivals/arrivals.module';
import { IdentityConfigModule } from './config/identity-config.module';
import { LegalRouteModule } from './legal-route/legal-route.module';
import { RegistersModule } from './registers/registers.module';
import { SubjectAccessModule } from './subject-access/subject-access.module';
import { RetentionModule } from './retention/retention.module';

/** The identity service: people, biometric enrolments and matching, the registers of returns and irregular entries, age assessments; it opens a readmission case for each arrival and an EOI case for each submission. */
@Module({
  imports: [
    ServicePlatformModule.forRoot({ service: 'identity', consumesEvents: true, database: { schema: 'identity', migrationsDir: join(__dirname, 'migrations') } }),
    IdentityConfigModule,
    ArrivalsModule,
    RegistersModule,
    AgeAssessmentsModule,
    // Consumes eoi-portal.eoi.submitted.v1, eoi-portal.presence.confirmed.v1 and vac.biometrics.captured.v1.
    LegalRouteModule,
    // Right of access: GET /internal/v1/subject-access/{personId}, for the casework service only.
    SubjectAccessModule,
    // S4: POST /internal/v1/retention/sweep, called by the worker's retention schedule.
    RetentionModule,
  ],
})
export class IdentityAppModule {}
