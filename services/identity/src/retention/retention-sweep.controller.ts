import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { type RetentionSweepResult, retentionSweepBodySchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { IdentityRetention } from './identity-retention.service';

/** POST /internal/v1/retention/sweep: S4, the worker's retention schedule deletes what is past its period. */
@Controller('internal/v1/retention')
export class RetentionSweepController {
  constructor(private readonly retention: IdentityRetention) {}

  /** 200 with the rows deleted per class; idempotent for one `asOf`. */
  @Post('sweep')
  // S4: only the worker's retention sweep may delete.
  @ServicesAllowed('svc-worker')
  @HttpCode(HttpStatus.OK)
  async sweep(@Body() body: unknown): Promise<RetentionSweepResult> {
    const { asOf } = parseRequest(retentionSweepBodySchema, body);
    return this.retention.sweep(new Date(asOf));
  }
}
