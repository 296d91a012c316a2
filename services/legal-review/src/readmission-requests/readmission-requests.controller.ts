import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { sendReadmissionRequestBodySchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { ReadmissionRequestSender, type SendReadmissionRequestResponse } from './readmission-request-sender.service';

/** POST /readmission-requests: the readmission workflow's activity sends its request to France here (R12). */
@Controller('readmission-requests')
export class ReadmissionRequestsController {
  constructor(private readonly sender: ReadmissionRequestSender) {}

  /** Sends the request once per idempotency key; a repeat answers the first reference and sending time. */
  @Post()
  // R12: the readmission workflow's sendReadmissionRequest activity.
  @ServicesAllowed('svc-worker')
  // 200 for the first call and its repeats alike: the caller sees one answer whichever call got through.
  @HttpCode(HttpStatus.OK)
  async send(@Body() body: unknown): Promise<SendReadmissionRequestResponse> {
    return this.sender.send(parseRequest(sendReadmissionRequestBodySchema, body));
  }
}
