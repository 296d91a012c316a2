import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { parseRequest } from '@oioo/service-kit';
import { type RegisterCheckResponse, registerCheckBodySchema, registerCheckResponseSchema } from './register-check.schemas';
import { RegisterChecks } from './register-checks.service';

/** POST /register-checks: E4, does this biometric template match a returned person or a recorded irregular entry? */
@Controller('register-checks')
export class RegisterChecksController {
  private readonly logger = createLogger('identity').child({ feature: 'register-checks' });

  constructor(private readonly checks: RegisterChecks) {}

  /** 200 with the answer; reads only, so it needs no idempotency key. */
  @Post()
  // No process calls this today (the EOI workflow's E4 check goes to /enrolment-register-checks); the worker, which
  // makes the E4 checks, is the one caller admitted.
  @ServicesAllowed('svc-worker')
  @HttpCode(HttpStatus.OK)
  async check(@Body() body: unknown): Promise<RegisterCheckResponse> {
    const { template } = parseRequest(registerCheckBodySchema, body);
    const answer = registerCheckResponseSchema.parse(await this.checks.check(template));
    // S3: a register lookup is a view of personal data, so it is logged, with opaque ids only.
    this.logger.info('register check', {
      returned: answer.returned,
      irregularEntry: answer.irregularEntry,
      matchedCases: [...new Set(answer.matches.map((match) => match.caseId))].join(','),
    });
    return answer;
  }
}
