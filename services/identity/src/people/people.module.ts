import { Module } from '@nestjs/common';
import { PeopleRepository } from './people.repository';

/** The people identity knows, shared by the features that record facts about them. */
@Module({ providers: [PeopleRepository], exports: [PeopleRepository] })
export class PeopleModule {}
