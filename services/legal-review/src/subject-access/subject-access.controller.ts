import { Controller, Get, Param, Query } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type LegalReviewSubjectAccess, legalReviewSubjectAccessSchema, personIdSchema, subjectAccessCasesQuery } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { SubjectAccessRepository } from './subject-access.repository';

/** Right of access: what legal-review holds on one person, for the casework service's subject-access requests. */
@Controller()
export class SubjectAccessController {
  private readonly logger = createLogger('legal-review').child({ feature: 'subject-access' });

  constructor(private readonly repository: SubjectAccessRepository) {}

  /** GET /internal/v1/subject-access/{personId}?readmissionCaseIds=&eoiIds=: the person's challenges, requests to France, disclosures, replies and security checks. */
  @Get('internal/v1/subject-access/:personId')
  // Only casework assembles subject-access exports; it records the request and who made it (S3).
  @ServicesAllowed('svc-casework')
  async gather(@Param('personId') personId: string, @Query() query: unknown): Promise<LegalReviewSubjectAccess> {
    const id = parseRequest(personIdSchema, personId);
    const cases = parseRequest(subjectAccessCasesQuery, query);
    const answer = legalReviewSubjectAccessSchema.parse(await this.repository.gather(id, cases));
    // S3: the read is logged with opaque ids and counts only.
    this.logger.info('subject-access data gathered', { personId: id, readmissionCases: cases.readmissionCaseIds.length, eois: cases.eoiIds.length });
    return answer;
  }
}
