import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { registerReturnBodySchema } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { ServiceError, parseRequest } from '@oioo/service-kit';
import { ReturnsRegisterRepository } from './returns-register.repository';

/** POST /returns-register: R11, the readmission workflow registers a person France took over. */
@Controller('returns-register')
export class ReturnsRegisterController {
  private readonly logger = createLogger('identity').child({ feature: 'returns-register' });

  constructor(private readonly returns: ReturnsRegisterRepository) {}

  /** 204 once registered, and for every repeat (same key or same case); 409 RETURN_CONFLICT when the case was registered for another person. */
  @Post()
  // R11: the readmission workflow's registerReturn activity.
  @ServicesAllowed('svc-worker')
  @HttpCode(HttpStatus.NO_CONTENT)
  async register(@Body() body: unknown): Promise<void> {
    const input = parseRequest(registerReturnBodySchema, body);
    const outcome = await this.returns.register(input);
    switch (outcome.kind) {
      case 'registered':
        if (outcome.enrolments === 0) {
          // Still recorded, so the return is not lost; without biometrics no later capture can match it, which someone must look at.
          this.logger.warn('return registered without any enrolment to match', { caseId: input.caseId, personId: input.personId });
        } else {
          this.logger.info('return registered', { caseId: input.caseId, personId: input.personId, enrolments: outcome.enrolments });
        }
        return;
      case 'already-registered':
        return;
      case 'conflict':
        throw new ServiceError(HttpStatus.CONFLICT, 'RETURN_CONFLICT', `case ${input.caseId} is already registered as the return of another person`);
    }
  }
}
