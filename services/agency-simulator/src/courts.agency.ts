import { type EventEnvelope, LEGAL_CHALLENGE_KINDS, type ReadmissionRequestSentData, Topics } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { SIM_DAY_MS } from './sim-clock';

/**
 * Courts, tribunals and the NRM: some people facing removal bring a legal challenge, lodged and later
 * decided (R7). Challenges follow the first readmission request, not the arrival: someone who is never
 * detained for removal has nothing to challenge, and a hold lodged on a closed case is only rejected.
 */
export class CourtsAgency {
  constructor(private readonly context: AgencyContext) {}

  /** Decides, once per case (at its first request to France), whether and when a challenge comes. */
  consider(event: EventEnvelope<ReadmissionRequestSentData>): void {
    const { config, random, clock, producer } = this.context;
    const { caseId, personId, requestNumber } = event.data;
    if (requestNumber !== 1) return;
    if (!random.chance(config.SIM_CHALLENGE_SHARE, 'challenge', caseId)) return;
    const challengeId = random.opaqueId('chl', 'challenge', caseId);
    const kind = LEGAL_CHALLENGE_KINDS[random.between(0, LEGAL_CHALLENGE_KINDS.length - 1, 'challenge-kind', caseId)] ?? 'injunction';
    // Lodged while France considers the request or during the removal notice (R8), before a transfer can happen.
    const lodgedAfter = random.between(0, 4, 'challenge-lodged', caseId) * SIM_DAY_MS;
    const decidedAfter = lodgedAfter + random.between(3, 20, 'challenge-decided', caseId) * SIM_DAY_MS;
    const source = kind === 'trafficking-referral' ? 'uk-nrm' : 'uk-courts';
    clock.in(
      lodgedAfter,
      async () => {
        const lodgedAt = new Date().toISOString();
        await producer.publish(Topics.challengeLodged, { subject: caseId, source, occurredAt: lodgedAt, causationId: event.eventId, data: { challengeId, caseId, personId, kind, lodgedAt } });
      },
      reportFailure(this.context, 'challenge-lodged'),
    );
    clock.in(
      decidedAfter,
      async () => {
        const decidedAt = new Date().toISOString();
        const outcome = random.chance(config.SIM_CHALLENGE_UPHELD_SHARE, 'challenge-upheld', caseId) ? 'upheld' : 'dismissed';
        await producer.publish(Topics.challengeDecided, { subject: caseId, source, occurredAt: decidedAt, causationId: event.eventId, data: { challengeId, caseId, outcome, decidedAt } });
      },
      reportFailure(this.context, 'challenge-decided'),
    );
  }
}
