import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { type z } from 'zod';
import { enrolmentRegisterCheckBodySchema, enrolmentRegisterCheckResponseSchema, eoiWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { parseRequest } from '@oioo/service-kit';
import { EnrolmentRegisterChecks } from './enrolment-register-checks.service';

/** The answer to an enrolment register check. */
export type EnrolmentRegisterCheckResponse = z.infer<typeof enrolmentRegisterCheckResponseSchema>;

/** POST /enrolment-register-checks: the EOI workflow's activity asks whether an applicant has a recorded irregular entry or a return (E4). */
@Controller('enrolment-register-checks')
export class EnrolmentRegisterChecksController {
  private readonly logger = createLogger('identity').child({ feature: 'enrolment-register-checks' });

  constructor(private readonly checks: EnrolmentRegisterChecks) {}

  /** 200 with { returned, irregularEntry, checkedAt }; a read, so no idempotency key; 404 UNKNOWN_ENROLMENT. */
  @Post()
  // E4: the EOI workflow's checkRegisters activity.
  @ServicesAllowed('svc-worker')
  @HttpCode(HttpStatus.OK)
  async check(@Body() body: unknown): Promise<EnrolmentRegisterCheckResponse> {
    const input = parseRequest(enrolmentRegisterCheckBodySchema, body);
    const found = await this.checks.check(input);
    // S3: a register lookup is a view of personal data, so it is logged, with opaque ids only.
    this.logger.info('enrolment register check', {
      workflowId: eoiWorkflowId(input.eoiId),
      personId: input.personId,
      enrolmentReference: input.enrolmentReference,
      returned: found.returned,
      irregularEntry: found.irregularEntry,
      matchedCases: [...new Set(found.matches.map((match) => match.caseId))].join(','),
    });
    return enrolmentRegisterCheckResponseSchema.parse({ returned: found.returned, irregularEntry: found.irregularEntry, checkedAt: found.checkedAt.toISOString() });
  }
}
