import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { requestPresenceBodySchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { PresenceRequester, type RequestPresenceResponse } from './presence-requester.service';

/** POST /presence-requests: the EOI workflow's activity asks the adults to confirm their presence in France here (E2). */
@Controller('presence-requests')
export class PresenceRequestsController {
  constructor(private readonly requester: PresenceRequester) {}

  /** 200 with when they were asked and the deadline, for the first call and its repeats; 404 UNKNOWN_EOI, 422 NOT_IN_EOI, 409 IDEMPOTENCY_KEY_REUSED, 503 PUBLISH_FAILED. */
  @Post()
  // E2: the EOI workflow's requestPresenceConfirmation activity.
  @ServicesAllowed('svc-worker')
  // 200 for the first call and its repeats alike: the caller sees one answer whichever call got through.
  @HttpCode(HttpStatus.OK)
  async request(@Body() body: unknown): Promise<RequestPresenceResponse> {
    return this.requester.request(parseRequest(requestPresenceBodySchema, body));
  }
}
