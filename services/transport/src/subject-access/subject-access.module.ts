import { Module } from '@nestjs/common';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessRepository } from './subject-access.repository';

/** Right of access: transport's answer to the casework service's subject-access requests. */
@Module({ controllers: [SubjectAccessController], providers: [SubjectAccessRepository] })
export class SubjectAccessModule {}
