import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { AgeAssessmentsController } from './age-assessments.controller';
import { AgeAssessmentsRepository } from './age-assessments.repository';

/** R2: the record of age assessments. */
@Module({ imports: [PeopleModule], controllers: [AgeAssessmentsController], providers: [AgeAssessmentsRepository] })
export class AgeAssessmentsModule {}
