import { Controller, Get, Param } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type IdentitySubjectAccess, identitySubjectAccessSchema, personIdSchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { SubjectAccessRepository } from './subject-access.repository';

/** Right of access: what identity holds on one person, for the casework service's subject-access requests. */
@Controller()
export class SubjectAccessController {
  private readonly logger = createLogger('identity').child({ feature: 'subject-access' });

  constructor(private readonly repository: SubjectAccessRepository) {}

  /** GET /internal/v1/subject-access/{personId}: everything held on the person, their cases, and what is withheld. */
  @Get('internal/v1/subject-access/:personId')
  // Only casework assembles subject-access exports; it records the request and who made it (S3).
  @ServicesAllowed('svc-casework')
  async gather(@Param('personId') personId: string): Promise<IdentitySubjectAccess> {
    const id = parseRequest(personIdSchema, personId);
    const answer = identitySubjectAccessSchema.parse(await this.repository.gather(id));
    // S3: the read is logged with opaque ids and counts only.
    this.logger.info('subject-access data gathered', { personId: id, readmissionCases: answer.cases.readmission.length, eois: answer.cases.eoi.length });
    return answer;
  }
}
