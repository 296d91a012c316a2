import { type EventEnvelope, type TravelBookedData, Topics } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { BoundedSet } from './bounded-memory';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Border Force at the UK port, for the legal route (E8): people with entry clearance leave France at
 * `departsAt` and, a journey of 2 to 6 simulated hours later, are admitted one by one at the arrival port.
 * A configured share of booked parties never travel; their grant lapses after 3 months (E7, Q6).
 */
export class BorderEntryAgency {
  private readonly journeys = new BoundedSet<string>(50_000);

  constructor(private readonly context: AgencyContext) {}

  /** A journey was booked: the party travels together, or not at all. */
  async onTravelBooked(event: EventEnvelope<TravelBookedData>): Promise<void> {
    const { config, random, clock, producer } = this.context;
    const { eoiId, travelReference, personIds, departsAt, arrivalPort } = event.data;
    const key = `${travelReference}|${departsAt}`;
    if (!this.journeys.addIfNew(key)) return;
    // Decided per EOI: a party that does not use its grant does not use a rebooked journey either.
    if (random.chance(config.SIM_EOI_NO_TRAVEL_SHARE, 'no-travel', eoiId)) return;
    // `departsAt` is a real instant; the journey itself is simulated time.
    const untilDeparture = Math.max((new Date(departsAt).getTime() - Date.now()) * clock.compression, 0);
    const journey = (2 + 4 * random.unit('journey-hours', key)) * HOUR_MS;
    clock.in(
      untilDeparture + journey,
      async () => {
        // Each person is admitted on their own: one failed publication does not lose the others.
        for (const personId of personIds) {
          const arrivedAt = new Date().toISOString();
          await producer
            .publish(Topics.entryRecorded, {
              subject: eoiId,
              source: 'uk-border-force',
              occurredAt: arrivedAt,
              correlationId: event.correlationId,
              causationId: event.eventId,
              data: { eoiId, personId, travelReference, arrivedAt, port: arrivalPort },
            })
            .catch(reportFailure(this.context, 'entry-recorded'));
        }
      },
      reportFailure(this.context, 'entry-recorded'),
    );
  }
}
