import { Inject, Injectable } from '@nestjs/common';
import { type BoardingRecordedData, type EventEnvelope, Topics } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { recordBoardingUpdate } from '@oioo/workflows-readmission';
import { ManifestNotifier, errorName } from '../manifests/manifest-notifier.service';
import { BoardingRecordsRepository } from './boarding-records.repository';
import { CaseWorkflowGateway } from './case-workflow.gateway';

/** What became of a boarding event. */
export type BoardingForwardOutcome = 'forwarded' | 'duplicate';

/**
 * R9: escorts' boarding records. Each is recorded against the case's booking (a no-show gives the seat
 * back at once, so the workflow's rebooking finds it free), then forwarded to the case workflow as
 * `recordBoarding`. A refusal undoes the record and dead-letters the event with the workflow's reason.
 */
@Injectable()
export class BoardingEventsHandler {
  private readonly logger = createLogger('transport').child({ feature: 'boarding' });

  constructor(
    @Inject(BoardingRecordsRepository) private readonly records: BoardingRecordsRepository,
    @Inject(CaseWorkflowGateway) private readonly cases: CaseWorkflowGateway,
    @Inject(ManifestNotifier) private readonly manifests: ManifestNotifier,
  ) {}

  /** Kafka entry point: throws EventRejectedError for a business refusal, anything else to be retried. */
  @EventHandler(Topics.boardingRecorded)
  async onBoardingRecorded(event: EventEnvelope<BoardingRecordedData>): Promise<void> {
    await this.forward(event, new Date());
  }

  /** Records the boarding and forwards it to the case workflow. */
  async forward(event: EventEnvelope<BoardingRecordedData>, now: Date): Promise<BoardingForwardOutcome> {
    const { movementId, caseId, outcome } = event.data;
    const record = await this.records.record({ movementId, caseId, outcome, recordedAt: new Date(event.data.recordedAt), eventId: event.eventId, receivedAt: now });
    if (record.kind === 'unknown-booking') throw new EventRejectedError(`case ${caseId} has no booking on movement ${movementId}`);
    if (record.kind === 'conflicting') {
      throw new EventRejectedError(`boarding of case ${caseId} on movement ${movementId} was already recorded as ${record.recordedOutcome}`);
    }
    if (record.seatReleased) await this.refreshManifest(movementId, now);
    if (record.forwarded) return 'duplicate';

    // The first event's id is the command id, so a copy of the event is the same command to the workflow.
    const result = await this.cases.update(caseId, recordBoardingUpdate, { commandId: record.commandId, movementId, outcome });
    if (result.kind === 'accepted' || (result.kind === 'case-completed' && result.state === 'transferred' && outcome === 'boarded')) {
      await this.records.markForwarded(record.bookingId, now);
      this.logger.info('boarding forwarded to the case', { eventId: event.eventId, caseId, movementId, outcome });
      return result.kind === 'accepted' ? 'forwarded' : 'duplicate';
    }
    const reason = result.kind === 'refused' ? result.reason : `the case has ended (${result.state})`;
    const seat = await this.records.revert(record.bookingId, caseId);
    if (seat === 'restored' && outcome === 'no-show') await this.refreshManifest(movementId, now);
    this.logger.warn('case workflow refused a boarding record; undone and dead-lettered', { eventId: event.eventId, caseId, movementId, seat });
    throw new EventRejectedError(reason);
  }

  private async refreshManifest(movementId: string, now: Date): Promise<void> {
    try {
      await this.manifests.notifyMovement(movementId, now);
    } catch (error) {
      this.logger.warn('manifest not sent after a seat change; the sweep will send it', { movementId, error: errorName(error) });
    }
  }
}
