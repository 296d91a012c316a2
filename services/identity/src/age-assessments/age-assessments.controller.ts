import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { caseIdSchema } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { ServiceError, parseRequest } from '@oioo/service-kit';
import { type AgeAssessment, ageAssessmentListSchema, recordAgeAssessmentBodySchema } from './age-assessment.schemas';
import { AgeAssessmentsRepository } from './age-assessments.repository';

/** R2: age assessments by authorised officers. */
@Controller()
export class AgeAssessmentsController {
  private readonly logger = createLogger('identity').child({ feature: 'age-assessments' });

  constructor(private readonly assessments: AgeAssessmentsRepository) {}

  /** POST /age-assessments: 201 with the record (the first one for a repeat); 409 AGE_ASSESSMENT_EXISTS when the reference holds another assessment. */
  @Post('age-assessments')
  // No process calls this yet: caseworkers record R2 through the casework API's workflow update. Only the casework
  // service, acting for the officers, may call it when it does.
  @ServicesAllowed('svc-casework')
  @HttpCode(HttpStatus.CREATED)
  async record(@Body() body: unknown): Promise<AgeAssessment> {
    const input = parseRequest(recordAgeAssessmentBodySchema, body);
    const outcome = await this.assessments.record(input);
    if (outcome.kind === 'conflict') {
      // S2: a recorded assessment is never edited; a new finding needs its own reference.
      throw new ServiceError(HttpStatus.CONFLICT, 'AGE_ASSESSMENT_EXISTS', 'an age assessment with this reference is already recorded with other content');
    }
    if (outcome.kind === 'recorded') this.logger.info('age assessment recorded', { caseId: input.caseId, personId: input.personId });
    return outcome.assessment;
  }

  /** GET /cases/{caseId}/age-assessments: the case's assessments, oldest first. */
  @Get('cases/:caseId/age-assessments')
  @ServicesAllowed('svc-casework')
  async list(@Param('caseId') caseId: string): Promise<{ assessments: AgeAssessment[] }> {
    const id = parseRequest(caseIdSchema, caseId);
    const answer = ageAssessmentListSchema.parse({ assessments: await this.assessments.listForCase(id) });
    // S3: every view of personal data is logged.
    this.logger.info('age assessments viewed', { caseId: id, count: answer.assessments.length });
    return answer;
  }
}
