import { type ArrivalRecordedData, Topics } from '@oioo/contracts';
import { LEGAL_CHALLENGE_KINDS } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { SIM_DAY_MS } from './sim-clock';

/** Courts, tribunals and the NRM: some cases get a legal challenge, lodged and later decided (R7). */
export class CourtsAgency {
  constructor(private readonly context: AgencyContext) {}

  /** Decides, once per arrival, whether and when a challenge comes. */
  consider(arrival: ArrivalRecordedData): void {
    const { config, random, clock, producer } = this.context;
    const { caseId, personId } = arrival;
    if (!random.chance(config.SIM_CHALLENGE_SHARE, 'challenge', caseId)) return;
    const challengeId = random.opaqueId('chl', 'challenge', caseId);
    const kind = LEGAL_CHALLENGE_KINDS[random.between(0, LEGAL_CHALLENGE_KINDS.length - 1, 'challenge-kind', caseId)] ?? 'injunction';
    const lodgedAfter = random.between(2, 25, 'challenge-lodged', caseId) * SIM_DAY_MS;
    const decidedAfter = lodgedAfter + random.between(3, 20, 'challenge-decided', caseId) * SIM_DAY_MS;
    const source = kind === 'trafficking-referral' ? 'uk-nrm' : 'uk-courts';
    clock.in(
      lodgedAfter,
      async () => {
        const lodgedAt = new Date().toISOString();
        await producer.publish(Topics.challengeLodged, { subject: caseId, source, occurredAt: lodgedAt, data: { challengeId, caseId, personId, kind, lodgedAt } });
      },
      reportFailure(this.context, 'challenge-lodged'),
    );
    clock.in(
      decidedAfter,
      async () => {
        const decidedAt = new Date().toISOString();
        const outcome = random.chance(config.SIM_CHALLENGE_UPHELD_SHARE, 'challenge-upheld', caseId) ? 'upheld' : 'dismissed';
        await producer.publish(Topics.challengeDecided, { subject: caseId, source, occurredAt: decidedAt, data: { challengeId, caseId, outcome, decidedAt } });
      },
      reportFailure(this.context, 'challenge-decided'),
    );
  }
}
