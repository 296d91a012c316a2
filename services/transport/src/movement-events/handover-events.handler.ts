import { Inject, Injectable } from '@nestjs/common';
import { type EventEnvelope, type HandoverConfirmedData, Topics } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { confirmHandoverUpdate } from '@oioo/workflows-readmission';
import { CaseWorkflowGateway } from './case-workflow.gateway';
import { EquivalenceLedgerGateway } from './equivalence-ledger.gateway';
import { HandoversRepository } from './handovers.repository';

/** What became of a handover event. */
export type HandoverForwardOutcome = 'forwarded' | 'duplicate';

/**
 * R9, Q1: France's handover confirmation completes the readmission. Recorded once per handover
 * reference, then forwarded to the case workflow as `confirmHandover`; a refusal forgets the record
 * (so a corrected confirmation can follow) and dead-letters the event with the workflow's reason.
 * Once the case has taken it, the pilot's equivalence ledger is signalled that the readmission counts (Q1).
 */
@Injectable()
export class HandoverEventsHandler {
  private readonly logger = createLogger('transport').child({ feature: 'handover' });

  constructor(
    @Inject(HandoversRepository) private readonly handovers: HandoversRepository,
    @Inject(CaseWorkflowGateway) private readonly cases: CaseWorkflowGateway,
    @Inject(EquivalenceLedgerGateway) private readonly ledger: EquivalenceLedgerGateway,
  ) {}

  /** Kafka entry point: throws EventRejectedError for a business refusal, anything else to be retried. */
  @EventHandler(Topics.handoverConfirmed)
  async onHandoverConfirmed(event: EventEnvelope<HandoverConfirmedData>): Promise<void> {
    await this.forward(event, new Date());
  }

  /** Records the handover and forwards it to the case workflow. */
  async forward(event: EventEnvelope<HandoverConfirmedData>, now: Date): Promise<HandoverForwardOutcome> {
    const { handoverReference, movementId, caseId, confirmedAt } = event.data;
    const record = await this.handovers.record({ handoverReference, caseId, movementId, confirmedAt: new Date(confirmedAt), eventId: event.eventId, receivedAt: now });
    if (record.kind === 'conflicting') throw new EventRejectedError(record.reason);
    if (record.forwarded) {
      // The case took this handover before; the ledger is told again, since an earlier attempt may have
      // failed after the case took it (that is why the event came back). It counts each case once.
      await this.ledger.readmissionConfirmed({ caseId, confirmedAt });
      return 'duplicate';
    }

    const result = await this.cases.update(caseId, confirmHandoverUpdate, { commandId: record.commandId, movementId, handoverReference, confirmedAt });
    // A completed case that ended transferred took this handover before (the record was not marked in time).
    if (result.kind === 'accepted' || (result.kind === 'case-completed' && result.state === 'transferred')) {
      await this.handovers.markForwarded(handoverReference, now);
      this.logger.info('handover forwarded to the case', { eventId: event.eventId, caseId, movementId, handoverReference });
      // Q1: only now, with the case transferred, does the readmission count. A failure here (the ledger
      // not running, Temporal unreachable) is thrown as it is, not as a rejection: the consumer retries,
      // each retry finds the handover forwarded and signals the ledger again (above), and after the last
      // attempt the event is dead-lettered as handler-failed, to be replayed once the ledger runs.
      await this.ledger.readmissionConfirmed({ caseId, confirmedAt });
      return result.kind === 'accepted' ? 'forwarded' : 'duplicate';
    }
    await this.handovers.remove(handoverReference);
    this.logger.warn('case workflow refused a handover; dead-lettered', { eventId: event.eventId, caseId, movementId, handoverReference });
    throw new EventRejectedError(result.kind === 'refused' ? result.reason : `the case has ended (${result.state})`);
  }
}
