import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { requestSecurityChecksBodySchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { type RequestSecurityChecksResponse, SecurityCheckRequester } from './security-check-requester.service';

/** POST /security-check-requests: the EOI workflow's activity asks for the applicants' security and suitability checks here (E7). */
@Controller('security-check-requests')
export class SecurityCheckRequestsController {
  constructor(private readonly requester: SecurityCheckRequester) {}

  /** Requests the checks once per idempotency key; a repeat answers the first reference and time. */
  @Post()
  // E7: the EOI workflow's requestSecurityChecks activity.
  @ServicesAllowed('svc-worker')
  // 200 for the first call and its repeats alike: the caller sees one answer whichever call got through.
  @HttpCode(HttpStatus.OK)
  async request(@Body() body: unknown): Promise<RequestSecurityChecksResponse> {
    return this.requester.request(parseRequest(requestSecurityChecksBodySchema, body));
  }
}
