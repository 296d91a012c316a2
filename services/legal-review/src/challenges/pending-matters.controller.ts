import { Controller, Get, Param } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { caseIdSchema, pendingMattersResponseSchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { z } from 'zod';
import { ChallengesRepository } from './challenges.repository';

const pathSchema = z.object({ caseId: caseIdSchema });

/** GET /cases/{caseId}/pending-matters: R5's current view, which the workflow reads immediately before transfer. */
@Controller('cases')
export class PendingMattersController {
  constructor(private readonly challenges: ChallengesRepository) {}

  /** R5: every challenge of the case still lodged, read from the register at the moment of the call. */
  @Get(':caseId/pending-matters')
  // R5: the readmission workflow's checkTransferBars activity.
  @ServicesAllowed('svc-worker')
  async pendingMatters(@Param('caseId') caseIdParam: string): Promise<z.infer<typeof pendingMattersResponseSchema>> {
    const { caseId } = parseRequest(pathSchema, { caseId: caseIdParam });
    // Taken before the read, so no challenge registered before checkedAt can be missing from the answer.
    const checkedAt = new Date().toISOString();
    const pending = await this.challenges.pendingFor(caseId);
    return pendingMattersResponseSchema.parse({ pending, checkedAt });
  }
}
