import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@oioo/service-kit';
import { AuditModule } from './audit/audit.module';
import { ChallengesModule } from './challenges/challenges.module';
import { LEGAL_REVIEW_MIGRATIONS_DIR, LEGAL_REVIEW_SCHEMA } from './legal-review.database';
import { ReadmissionRequestsModule } from './readmission-requests/readmission-requests.module';
import { SecurityChecksModule } from './security-checks/security-checks.module';
import { SubjectAccessModule } from './subject-access/subject-access.module';

/**
 * The legal-review service: legal challenges and the holds they put on cases, the readmission request to
 * France with its replies and the hash-chained log of what it disclosed (R12, S3), and the legal route's
 * security and suitability checks (E7).
 */
@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'legal-review',
      consumesEvents: true,
      database: { schema: LEGAL_REVIEW_SCHEMA, migrationsDir: LEGAL_REVIEW_MIGRATIONS_DIR },
    }),
    ChallengesModule,
    ReadmissionRequestsModule,
    SecurityChecksModule,
    // Right of access: GET /internal/v1/subject-access/{personId}, for the casework service only.
    SubjectAccessModule,
    AuditModule,
  ],
})
export class LegalReviewAppModule {}
