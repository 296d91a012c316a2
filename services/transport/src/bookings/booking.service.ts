import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type CancelBookingBody } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { ServiceError } from '@oioo/service-kit';
import { TRANSPORT_CONFIG, type TransportConfig } from '../config/transport-config';
import { ManifestNotifier, errorName } from '../manifests/manifest-notifier.service';
import { MovementSchedule } from '../movements/movement-schedule';
import { sha256 } from '../shared/opaque-ids';
import { type BookingRequest } from './booking-request';
import { BookingsRepository } from './bookings.repository';

/**
 * How many scheduled departures a booking tries before answering that no seat is free. A technical
 * bound on one request's work, not policy: a year of daily movements.
 */
const MAX_DEPARTURES_SEARCHED = 366;

/** The seat booked: the answer of POST /bookings. */
export interface BookedSeat {
  movementId: string;
  departsAt: string;
}

/**
 * R9: seats on scheduled movements. A booking takes the first scheduled departure at or after the
 * case's `notBefore` (R8's notice, decided by the workflow) that has a free seat; a repeated
 * idempotency key answers the first booking and takes no second seat.
 */
@Injectable()
export class BookingService {
  private readonly logger = createLogger('transport').child({ feature: 'bookings' });
  private readonly schedule: MovementSchedule;

  constructor(
    @Inject(TRANSPORT_CONFIG) private readonly config: TransportConfig,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(ManifestNotifier) private readonly manifests: ManifestNotifier,
  ) {
    this.schedule = new MovementSchedule(config);
  }

  /** Books a seat, or answers the booking already made under the same key. */
  async book(request: BookingRequest, now: Date): Promise<BookedSeat> {
    // A request retried after its movement left must not land on a past departure.
    const notBefore = new Date(request.notBefore);
    const earliest = notBefore.getTime() > now.getTime() ? notBefore : now;
    const outcome = await this.bookings.book(
      {
        caseId: request.caseId,
        ...(request.personId === undefined ? {} : { personId: request.personId }),
        bookingNumber: request.bookingNumber,
        idempotencyKey: request.idempotencyKey,
        requestHash: sha256(JSON.stringify([request.caseId, notBefore.toISOString(), request.bookingNumber])),
        bookedAt: now,
        departures: this.departuresFrom(earliest),
        entryPoint: this.config.entryPoint,
        capacity: this.config.movementCapacity,
      },
      MAX_DEPARTURES_SEARCHED,
    );
    switch (outcome.kind) {
      case 'key-reused':
        throw new ServiceError(HttpStatus.CONFLICT, 'IDEMPOTENCY_KEY_REUSED', 'this idempotency key was already used for a different booking request');
      case 'case-already-booked':
        throw new ServiceError(
          HttpStatus.CONFLICT,
          'CASE_ALREADY_BOOKED',
          `case ${request.caseId} already holds a seat on movement ${outcome.booking.movementId}; cancel it before booking again`,
        );
      case 'no-seat':
        // 503: the worker retries, and seats free up as bookings are cancelled.
        throw new ServiceError(HttpStatus.SERVICE_UNAVAILABLE, 'NO_SEAT_AVAILABLE', `no free seat on the next ${outcome.searched} scheduled movements`);
      case 'booked': {
        const { booking } = outcome;
        if (!outcome.repeat) {
          this.logger.info('seat booked', { caseId: booking.caseId, movementId: booking.movementId, bookingNumber: booking.bookingNumber });
          await this.refreshManifest(booking.movementId, now);
        }
        return { movementId: booking.movementId, departsAt: booking.departsAt.toISOString() };
      }
    }
  }

  /** Gives back the case's seat on the movement; a repeat, or a seat already given back, changes nothing. */
  async cancel(request: CancelBookingBody, now: Date): Promise<void> {
    const outcome = await this.bookings.cancel({ ...request, at: now });
    if (outcome.kind === 'nothing-held') {
      this.logger.info('cancellation found no seat held', { caseId: request.caseId, movementId: request.movementId });
      return;
    }
    this.logger.info('seat released', { caseId: request.caseId, movementId: request.movementId });
    await this.refreshManifest(request.movementId, now);
  }

  private *departuresFrom(earliest: Date): Generator<Date> {
    for (let departure = this.schedule.firstDepartureAtOrAfter(earliest); ; departure = this.schedule.nextDeparture(departure)) yield departure;
  }

  /**
   * R9: passengers changed, so France gets the current manifest if the movement is inside the notice
   * window. The seat change is committed either way; a failed send is left to the sweep.
   */
  private async refreshManifest(movementId: string, now: Date): Promise<void> {
    try {
      await this.manifests.notifyMovement(movementId, now);
    } catch (error) {
      this.logger.warn('manifest not sent after a seat change; the sweep will send it', { movementId, error: errorName(error) });
    }
  }
}
