import { Inject, Injectable } from '@nestjs/common';
import { type EntryRecordedData, type EventEnvelope, Topics } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler } from '@oioo/kafka';
import { EntryRecordsRepository } from './entry-records.repository';
import { EoiWorkflowGateway } from './eoi-workflow.gateway';
import { TravelBookingsRepository } from './travel-bookings.repository';

/** What became of an entry event. */
export type EntryForwardOutcome = 'forwarded' | 'duplicate';

/**
 * E8, Q1: Border Force admitted a person holding entry clearance under the scheme. The arrival is
 * executed as `recordArrival` on the EOI case (`eoi:<eoiId>`), with the event id as command id, so a
 * redelivery gets the first result and the admission counts once; the case tells the ledger. A refusal
 * by the case (no grant covers the person, say) or an EOI with no case is dead-lettered at once with the
 * reason. The forwarded entry is then stored, so a copy arriving after the case ended is recognised.
 */
@Injectable()
export class EntryEventsHandler {
  private readonly logger = createLogger('transport').child({ feature: 'entry' });

  constructor(
    @Inject(EntryRecordsRepository) private readonly entries: EntryRecordsRepository,
    @Inject(TravelBookingsRepository) private readonly journeys: TravelBookingsRepository,
    @Inject(EoiWorkflowGateway) private readonly eois: EoiWorkflowGateway,
  ) {}

  /** Kafka entry point: throws EventRejectedError for a business refusal, anything else to be retried. */
  @EventHandler(Topics.entryRecorded)
  async onEntryRecorded(event: EventEnvelope<EntryRecordedData>): Promise<void> {
    await this.forward(event, new Date());
  }

  /** Forwards the arrival to its EOI case and stores it. */
  async forward(event: EventEnvelope<EntryRecordedData>, now: Date): Promise<EntryForwardOutcome> {
    const { eoiId, personId, travelReference, arrivedAt, port } = event.data;
    if (await this.entries.find(event.eventId)) {
      this.logger.info('duplicate entry ignored', { eventId: event.eventId, eoiId });
      return 'duplicate';
    }
    if (travelReference !== undefined) await this.noteUnknownJourney(event.eventId, eoiId, personId, travelReference);

    const result = await this.eois.recordArrival(eoiId, { commandId: event.eventId, personId, arrivedAt, port, ...(travelReference === undefined ? {} : { travelReference }) });
    await this.entries.record({
      eventId: event.eventId,
      eoiId,
      personId,
      ...(travelReference === undefined ? {} : { travelReference }),
      arrivedAt: new Date(arrivedAt),
      port,
      caseState: result.state,
      forwardedAt: now,
    });
    this.logger.info('entry forwarded to the EOI case', { eventId: event.eventId, eoiId, caseState: result.state, alreadyArrived: result.kind === 'already-arrived' });
    return result.kind === 'accepted' ? 'forwarded' : 'duplicate';
  }

  /**
   * The arrival counts whatever journey the person came on (E8), so a travel reference this service did
   * not book for them is no reason to refuse it; it is logged for operators to look at.
   */
  private async noteUnknownJourney(eventId: string, eoiId: string, personId: string, travelReference: string): Promise<void> {
    const journey = await this.journeys.findByReference(travelReference);
    if (journey && journey.eoiId === eoiId && journey.personIds.includes(personId)) return;
    this.logger.warn('entry quotes a journey not booked for this person; forwarded all the same', {
      eventId,
      eoiId,
      travelReference,
      problem: journey ? 'booked for other people' : 'unknown journey',
    });
  }
}
