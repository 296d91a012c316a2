import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { ArrivalIntake } from './arrival-intake.service';

/** Turns Border Force arrival events into readmission cases. */
@Module({ imports: [TemporalClientModule], providers: [ArrivalIntake] })
export class ArrivalsModule {}
