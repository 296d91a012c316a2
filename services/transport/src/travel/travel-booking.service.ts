import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import { type BookTravelBody, Topics, type bookTravelResponseSchema, eoiWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventProducer, EventValidationError } from '@oioo/kafka';
import { ServiceError } from '@oioo/service-kit';
import { TRANSPORT_CONFIG, type TransportConfig } from '../config/transport-config';
import { MovementSchedule } from '../movements/movement-schedule';
import { newOpaqueId, sha256 } from '../shared/opaque-ids';
import { type TravelBooking, TravelBookingsRepository } from './travel-bookings.repository';

/** The journey booked: the answer of POST /travel-bookings. */
export type BookedJourney = z.infer<typeof bookTravelResponseSchema>;

/** One departure a day, like the Eurostar service the journeys stand for. */
const TRAVEL_INTERVAL_HOURS = 24;

/**
 * E7: journeys to the UK for the people of an EOI granted entry clearance. A journey departs on the
 * first scheduled departure at or after the caller's `notBefore` (or now, if that is later: a retried
 * booking never lands on a train that has left) and arrives at the configured port. The timetable is a
 * daily departure at `TRAVEL_DEPARTURE_HOUR_UTC`, divided by `TRANSPORT_TIME_COMPRESSION` like the
 * movements' timetable, so a compressed demonstration does not wait a real day for its train.
 *
 * Idempotent by the caller's key: the journey is recorded first, then published on
 * `transport.travel.booked.v1` keyed by the EOI id. A repeat answers the first journey and publishes
 * nothing more; a journey recorded but not published (the broker was down) answers 503, and the retry
 * publishes it with the same event id.
 */
@Injectable()
export class TravelBookingService {
  private readonly logger = createLogger('transport').child({ feature: 'travel' });
  private readonly schedule: MovementSchedule;

  constructor(
    @Inject(TRANSPORT_CONFIG) private readonly config: TransportConfig,
    @Inject(TravelBookingsRepository) private readonly journeys: TravelBookingsRepository,
    @Inject(EventProducer) private readonly events: EventProducer,
  ) {
    this.schedule = new MovementSchedule({
      scheduleIntervalHours: TRAVEL_INTERVAL_HOURS,
      departureHourUtc: config.travelDepartureHourUtc,
      timeCompression: config.timeCompression,
    });
  }

  /** Books the journey, or answers the one already booked under the same key. */
  async book(request: BookTravelBody, now: Date): Promise<BookedJourney> {
    const notBefore = new Date(request.notBefore);
    const earliest = notBefore.getTime() > now.getTime() ? notBefore : now;
    // The same people in another order are the same request.
    const requestHash = sha256(JSON.stringify([request.eoiId, [...new Set(request.personIds)].sort(), notBefore.toISOString()]));
    const { booking } = await this.journeys.record({
      travelReference: newOpaqueId('trv'),
      idempotencyKey: request.idempotencyKey,
      requestHash,
      eoiId: request.eoiId,
      personIds: request.personIds,
      notBefore,
      departsAt: this.schedule.firstDepartureAtOrAfter(earliest),
      arrivalPort: this.config.travelArrivalPort,
      eventId: randomUUID(),
      bookedAt: now,
    });
    if (booking.requestHash !== requestHash) {
      throw new ServiceError(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_KEY_REUSED',
        `this idempotency key was already used for journey ${booking.travelReference} with a different request; nothing was booked`,
      );
    }
    if (!booking.publishedAt) await this.publish(booking, now);
    return { travelReference: booking.travelReference, departsAt: booking.departsAt.toISOString(), arrivalPort: booking.arrivalPort };
  }

  /** Publishes the journey's event and records when; a failure to publish is a 503 the caller retries. */
  private async publish(booking: TravelBooking, now: Date): Promise<void> {
    try {
      await this.events.publish(Topics.travelBooked, {
        subject: booking.eoiId,
        source: 'uk-transport',
        data: {
          eoiId: booking.eoiId,
          travelReference: booking.travelReference,
          personIds: booking.personIds,
          departsAt: booking.departsAt.toISOString(),
          arrivalPort: booking.arrivalPort,
        },
        occurredAt: booking.bookedAt,
        eventId: booking.eventId,
        correlationId: eoiWorkflowId(booking.eoiId),
      });
    } catch (error) {
      if (error instanceof EventValidationError) throw error;
      this.logger.warn('journey recorded but not published; the caller will retry', {
        travelReference: booking.travelReference,
        eoiId: booking.eoiId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw new ServiceError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'PUBLISH_FAILED',
        `journey ${booking.travelReference} is booked but could not be announced yet; retry with the same idempotency key`,
      );
    }
    await this.journeys.markPublished(booking.travelReference, now);
    this.logger.info('journey booked', { travelReference: booking.travelReference, eoiId: booking.eoiId, departsAt: booking.departsAt.toISOString(), people: booking.personIds.length });
  }
}
