import { Inject, Injectable } from '@nestjs/common';
import { type EoiSubmittedData, type EventEnvelope, Topics, eoiWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { DATABASE, type Database } from '@oioo/database';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { teamFor } from '../teams/team-allocation';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config';
import { eoiCaseInputOf, eoiSubmittedSignalOf } from './eoi-case-input';
import { EoiCaseGateway, type OpenEoiCaseOutcome } from './eoi-case.gateway';
import { EoiSubmissionsRepository } from './eoi-submissions.repository';

/**
 * Opens (or finds) the EOI case of each submission the portal sends (E1, E5). The applicants' personal
 * data stays in identity's tables; the case gets opaque ids and eligibility facts (S3). Idempotent: the
 * first submission of an EOI is stored and every copy, with the same or a new event id, sends the case
 * that same submission, which it recognises by its event id.
 */
@Injectable()
export class EoiSubmissionHandler {
  private readonly logger = createLogger('identity').child({ feature: 'eoi-submissions' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly submissions: EoiSubmissionsRepository,
    private readonly cases: EoiCaseGateway,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'pilotId' | 'legalRouteTimeCompression' | 'eoiWindows' | 'legalRouteTeams'>,
  ) {}

  @EventHandler(Topics.eoiSubmitted)
  async onEoiSubmitted(event: EventEnvelope<EoiSubmittedData>): Promise<void> {
    await this.forward(event);
  }

  /** Stores the submission (once per EOI), then signal-with-starts its case; a database or Temporal failure throws, so the consumer retries. */
  async forward(event: EventEnvelope<EoiSubmittedData>): Promise<OpenEoiCaseOutcome> {
    const { eoiId } = event.data;
    const workflowId = eoiWorkflowId(eoiId);
    const outcome = await this.db.transaction((tx) => this.submissions.recordOnce(tx, event));
    if (outcome.kind === 'conflict') {
      // E5: a family applies together and is decided together; who is in an EOI cannot change after submission.
      throw new EventRejectedError(
        `EOI ${eoiId} was already submitted with other applicants (${outcome.storedPersonIds.length} stored, ${event.data.applicants.length} in this event); the people in an EOI cannot change`,
      );
    }
    if (outcome.kind === 'copy') this.logger.info('copy of a stored EOI submission; sending the stored one again', { eventId: event.eventId, workflowId });

    const opened = await this.cases.open(eoiCaseInputOf(eoiId, this.config), eoiSubmittedSignalOf(outcome.submission), teamFor(eoiId, this.config.legalRouteTeams));
    if (opened === 'case-already-closed') {
      this.logger.warn('EOI submission for a case that has already ended; ignored', { eventId: event.eventId, workflowId });
    } else {
      // Opaque ids and counts only (S3).
      this.logger.info('EOI submission forwarded to its case', { eventId: event.eventId, workflowId, applicants: outcome.submission.applicants.length });
    }
    return opened;
  }
}
