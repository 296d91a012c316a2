import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { MatchingModule } from '../matching/matching.module';
import { RegistersModule } from '../registers/registers.module';
import { ArrivalIntake } from './arrival-intake.service';
import { ArrivalRecordLinksRepository } from './arrival-record-links.repository';
import { ArrivalScreeningService } from './arrival-screening.service';
import { ArrivalScreeningsRepository } from './arrival-screenings.repository';
import { READMISSION_CASE_STATUSES, TemporalReadmissionCaseStatuses } from './readmission-case-status';

/** Turns Border Force arrival records into screened readmission cases, one per person (R11). */
@Module({
  imports: [TemporalClientModule, EnrolmentsModule, MatchingModule, RegistersModule],
  providers: [
    ArrivalIntake,
    ArrivalScreeningService,
    ArrivalScreeningsRepository,
    ArrivalRecordLinksRepository,
    { provide: READMISSION_CASE_STATUSES, useClass: TemporalReadmissionCaseStatuses },
  ],
})
export class ArrivalsModule {}
