import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { EnrolmentsRepository } from './enrolments.repository';

/** Biometric enrolments (the database comes from the global DatabaseModule). */
@Module({ imports: [PeopleModule], providers: [EnrolmentsRepository], exports: [EnrolmentsRepository, PeopleModule] })
export class EnrolmentsModule {}
