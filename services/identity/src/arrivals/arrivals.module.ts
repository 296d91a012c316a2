import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { MatchingModule } from '../matching/matching.module';
import { RegistersModule } from '../registers/registers.module';
import { ArrivalIntake } from './arrival-intake.service';
import { ArrivalScreeningService } from './arrival-screening.service';
import { ArrivalScreeningsRepository } from './arrival-screenings.repository';

/** Turns Border Force arrival events into screened readmission cases (R11). */
@Module({
  imports: [TemporalClientModule, EnrolmentsModule, MatchingModule, RegistersModule],
  providers: [ArrivalIntake, ArrivalScreeningService, ArrivalScreeningsRepository],
})
export class ArrivalsModule {}
