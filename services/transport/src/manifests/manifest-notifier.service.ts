import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventProducer } from '@oioo/kafka';
import { TRANSPORT_CONFIG, type TransportConfig } from '../config/transport-config';
import { type Movement, MovementsRepository } from '../movements/movements.repository';
import { manifestNoticeMs } from '../movements/movement-schedule';
import { deterministicUuid, sha256 } from '../shared/opaque-ids';
import { ManifestsRepository } from './manifests.repository';

/** What became of one movement's manifest. */
export type ManifestOutcome =
  /** Sent: first notice, or passengers changed since the last one. */
  | 'sent'
  /** France already has these passengers. */
  | 'unchanged'
  /** Outside the notice window, departed or cancelled. */
  | 'not-due'
  /** Nobody booked and nothing sent before: nothing to tell. */
  | 'empty'
  /** Held back: a passenger has no person id, and the manifest must name each one. */
  | 'incomplete';

/** What one sweep did. */
export interface ManifestSweepReport {
  departed: number;
  outcomes: Record<string, ManifestOutcome | 'failed'>;
}

/**
 * R9: France is notified of each movement's manifest ahead of departure (policy: 48 hours). A movement
 * inside the notice window whose manifest was never sent, or whose passengers changed since, gets the
 * current manifest, by opaque ids only (R12). The event id derives from the movement, version and
 * passengers, so a manifest sent twice (a crash before it was recorded) is recognisable as a copy.
 */
@Injectable()
export class ManifestNotifier {
  private readonly logger = createLogger('transport').child({ feature: 'manifests' });
  private readonly noticeMs: number;

  constructor(
    @Inject(TRANSPORT_CONFIG) config: TransportConfig,
    @Inject(MovementsRepository) private readonly movements: MovementsRepository,
    @Inject(ManifestsRepository) private readonly manifests: ManifestsRepository,
    @Inject(EventProducer) private readonly producer: EventProducer,
  ) {
    this.noticeMs = manifestNoticeMs(config);
  }

  /** The sweep: marks past departures departed, then sends each due manifest that France does not have yet. */
  async notifyDueManifests(now: Date): Promise<ManifestSweepReport> {
    const departed = await this.movements.markDeparted(now);
    const due = await this.movements.findScheduledDepartingBetween(now, new Date(now.getTime() + this.noticeMs));
    const outcomes: ManifestSweepReport['outcomes'] = {};
    for (const movement of due) {
      try {
        outcomes[movement.movementId] = await this.notify(movement, now);
      } catch (error) {
        // One movement's failure must not hold back the others; the next sweep tries it again.
        outcomes[movement.movementId] = 'failed';
        this.logger.error('manifest could not be sent; the next sweep retries', { movementId: movement.movementId, error: errorName(error) });
      }
    }
    return { departed, outcomes };
  }

  /** Sends one movement's manifest if it is due and France does not have it (after a booking or a released seat). */
  async notifyMovement(movementId: string, now: Date): Promise<ManifestOutcome> {
    const movement = await this.movements.findById(movementId);
    return movement ? this.notify(movement, now) : 'not-due';
  }

  private async notify(movement: Movement, now: Date): Promise<ManifestOutcome> {
    const departs = movement.departsAt.getTime();
    if (movement.status !== 'scheduled' || departs <= now.getTime() || departs > now.getTime() + this.noticeMs) return 'not-due';
    const passengers = await this.manifests.passengersOf(movement.movementId);
    const named = passengers.flatMap((passenger) => (passenger.personId === null ? [] : [{ caseId: passenger.caseId, personId: passenger.personId }]));
    if (named.length < passengers.length) {
      this.logger.error('manifest held back: a booking does not carry the person id the manifest needs', {
        movementId: movement.movementId,
        passengersWithoutPersonId: passengers.length - named.length,
      });
      return 'incomplete';
    }
    if (movement.manifestSentAt === null && named.length === 0) return 'empty';
    const hash = sha256(named.map((passenger) => `${passenger.caseId}:${passenger.personId}`).join('\n'));
    if (movement.manifestHash === hash) return 'unchanged';

    const version = movement.manifestVersion + 1;
    await this.producer.publish(Topics.manifestNotified, {
      eventId: deterministicUuid(`manifest:${movement.movementId}:${version}:${hash}`),
      subject: movement.movementId,
      source: 'uk-transport',
      occurredAt: now,
      correlationId: movement.movementId,
      data: { movementId: movement.movementId, departsAt: movement.departsAt.toISOString(), entryPoint: movement.entryPoint, passengers: named },
    });
    await this.movements.recordManifestSent(movement.movementId, { version, hash, at: now });
    this.logger.info('manifest sent to France', { movementId: movement.movementId, version, passengers: named.length });
    return 'sent';
  }
}

/** The class of an error, for logs that must not copy messages which could carry data. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
