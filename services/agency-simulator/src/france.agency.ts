import { type EventEnvelope, type ManifestNotifiedData, type ReadmissionRequestSentData, Topics } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { SIM_DAY_MS } from './sim-clock';

const HOUR_MS = 60 * 60 * 1000;

/**
 * France's ministry of the interior and the escorts at departure: replies to readmission requests by
 * the configured mix (R4, R10), boards people by the no-show share, and confirms each handover (R9).
 */
export class FranceAgency {
  private readonly boardingSeen = new Set<string>();

  constructor(
    private readonly context: AgencyContext,
    private readonly onHandover: (caseId: string, template?: string) => void,
  ) {}

  /** France received a request: it will accept, refuse, extend then accept, or stay silent. */
  async onRequest(event: EventEnvelope<ReadmissionRequestSentData>): Promise<void> {
    const { config, random, clock } = this.context;
    const { requestReference, caseId } = event.data;
    const roll = random.unit('france-reply', requestReference);
    const reply = (kind: 'accepted' | 'refused' | 'extended', afterDays: number) =>
      clock.in(
        afterDays * SIM_DAY_MS,
        async () => {
          await this.context.producer.publish(Topics.franceReplied, {
            subject: caseId,
            source: 'fr-ministry-interior',
            occurredAt: new Date().toISOString(),
            causationId: event.eventId,
            data: { requestReference, caseId, kind, ...(kind === 'refused' ? { ground: 'insufficient-evidence' as const } : {}) },
          });
        },
        reportFailure(this.context, `france-${kind}`),
      );
    const days = random.between(1, 10, 'france-days', requestReference);
    if (roll < config.SIM_FRANCE_ACCEPT_SHARE) reply('accepted', days);
    else if (roll < config.SIM_FRANCE_ACCEPT_SHARE + config.SIM_FRANCE_REFUSE_SHARE) reply('refused', days);
    else if (roll < config.SIM_FRANCE_ACCEPT_SHARE + config.SIM_FRANCE_REFUSE_SHARE + config.SIM_FRANCE_EXTEND_SHARE) {
      reply('extended', Math.min(days, 12));
      reply('accepted', 20);
    }
    // Otherwise silence: the case escalates to the liaison desk at its deadline (R4).
  }

  /** A manifest arrived: at departure escorts record boarding; France confirms each boarded person's handover after the flight. */
  async onManifest(event: EventEnvelope<ManifestNotifiedData>): Promise<void> {
    const { config, random, clock, producer } = this.context;
    const { movementId, departsAt, passengers } = event.data;
    const untilDeparture = Math.max((new Date(departsAt).getTime() - Date.now()) * clock.compression, 0);
    for (const { caseId } of passengers) {
      // Manifests are re-sent when passengers change; each person boards once.
      const key = `${movementId}|${caseId}`;
      if (this.boardingSeen.has(key)) continue;
      this.boardingSeen.add(key);
      const boarded = !random.chance(config.SIM_NO_SHOW_SHARE, 'no-show', key);
      clock.in(
        untilDeparture,
        async () => {
          const recordedAt = new Date().toISOString();
          await producer.publish(Topics.boardingRecorded, {
            subject: caseId,
            source: 'uk-escorts',
            occurredAt: recordedAt,
            data: { movementId, caseId, outcome: boarded ? 'boarded' : 'no-show', recordedAt },
          });
          if (!boarded) return;
          clock.in(
            2 * HOUR_MS,
            async () => {
              const confirmedAt = new Date().toISOString();
              await producer.publish(Topics.handoverConfirmed, {
                subject: caseId,
                source: 'fr-ministry-interior',
                occurredAt: confirmedAt,
                data: { handoverReference: random.opaqueId('hov', 'handover', key), movementId, caseId, confirmedAt },
              });
              this.onHandover(caseId);
            },
            reportFailure(this.context, 'handover'),
          );
        },
        reportFailure(this.context, 'boarding'),
      );
    }
  }
}
