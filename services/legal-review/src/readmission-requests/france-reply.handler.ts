import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type FranceReplyData, Topics } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { CaseWorkflowGateway } from '../case-workflow/case-workflow.gateway';
import { FranceRepliesRepository } from './france-replies.repository';
import { ReadmissionRequestsRepository } from './readmission-requests.repository';

/** What became of a reply event: forwarded to its case, or a copy of one already forwarded. */
export type FranceReplyOutcome = 'forwarded' | 'duplicate';

/**
 * Forwards France's replies (R4, R10) to the case workflow that sent the request. A reply must quote a
 * request this service sent; the workflow then decides whether the case is waiting for it. Either
 * refusal dead-letters the event at once with its reason, for a person to look at.
 */
@Injectable()
export class FranceReplyHandler {
  private readonly logger = createLogger('legal-review').child({ feature: 'france-replies' });

  constructor(
    private readonly requests: ReadmissionRequestsRepository,
    private readonly replies: FranceRepliesRepository,
    private readonly cases: CaseWorkflowGateway,
  ) {}

  @EventHandler(Topics.franceReplied)
  async onFranceReplied(event: EventEnvelope<FranceReplyData>): Promise<void> {
    await this.forward(event);
  }

  /** Checks the reply against the requests sent, executes it on the case, and stores it. */
  async forward(event: EventEnvelope<FranceReplyData>): Promise<FranceReplyOutcome> {
    const { requestReference, caseId, kind, ground } = event.data;
    if (await this.replies.find(event.eventId)) {
      // Already forwarded: asking the workflow again would fail once the reply has ended the case.
      this.logger.info('duplicate France reply ignored', { eventId: event.eventId, requestReference, caseId });
      return 'duplicate';
    }
    const request = await this.requests.findByReference(requestReference);
    if (!request) throw new EventRejectedError(`no readmission request ${requestReference} was sent`);
    if (request.caseId !== caseId) {
      throw new EventRejectedError(`readmission request ${requestReference} was sent for case ${request.caseId}, not for case ${caseId}`);
    }
    // The event id is the command id: a redelivered reply gets the first result from the workflow.
    const result = await this.cases.recordFranceReply(caseId, { commandId: event.eventId, requestReference, kind, ...(ground ? { ground } : {}) });
    await this.replies.record({
      eventId: event.eventId,
      requestReference,
      caseId,
      kind,
      ...(ground ? { ground } : {}),
      repliedAt: new Date(event.occurredAt),
      caseState: result.state,
    });
    this.logger.info('France reply forwarded to its case', { eventId: event.eventId, requestReference, caseId, kind, caseState: result.state });
    return 'forwarded';
  }
}
