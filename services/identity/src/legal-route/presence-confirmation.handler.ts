import { Inject, Injectable } from '@nestjs/common';
import { type EventEnvelope, type PresenceConfirmedData, Topics, eoiWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { DATABASE, type Database } from '@oioo/database';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { EoiCaseGateway } from './eoi-case.gateway';
import { EoiSubmissionsRepository } from './eoi-submissions.repository';

/**
 * E2: forwards each adult's confirmation of presence in France to their EOI case. A confirmation for an
 * EOI or person identity never received is refused and dead-lettered with the reason; whether it came in
 * time, and from France, is the case's to decide. The case recognises a redelivery by its event id.
 */
@Injectable()
export class PresenceConfirmationHandler {
  private readonly logger = createLogger('identity').child({ feature: 'presence-confirmations' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly submissions: EoiSubmissionsRepository,
    private readonly cases: EoiCaseGateway,
  ) {}

  @EventHandler(Topics.presenceConfirmed)
  async onPresenceConfirmed(event: EventEnvelope<PresenceConfirmedData>): Promise<void> {
    await this.forward(event);
  }

  /** Checks the EOI and person are known, then signals the case. */
  async forward(event: EventEnvelope<PresenceConfirmedData>): Promise<void> {
    const { eoiId, personId, confirmedAt, country } = event.data;
    const people = await this.submissions.personIdsOf(this.db, eoiId);
    if (!people) throw new EventRejectedError(`a confirmation for an unknown EOI: identity has received no submission of ${eoiId}`);
    if (!people.includes(personId)) throw new EventRejectedError(`a confirmation for a person who is not in EOI ${eoiId}: ${personId}`);

    await this.cases.confirmPresence(eoiId, { eventId: event.eventId, personId, confirmedAt, country });
    this.logger.info('presence confirmation forwarded to its case', { eventId: event.eventId, workflowId: eoiWorkflowId(eoiId), personId });
  }
}
