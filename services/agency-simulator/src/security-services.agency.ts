import { type EventEnvelope, type SecurityCheckRequestedData, type SecurityRefusalGround, Topics } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { BoundedSet } from './bounded-memory';
import { SIM_DAY_MS } from './sim-clock';

/** Grounds of the simulated refusals, with their weights. */
const GROUNDS: readonly (readonly [SecurityRefusalGround, number])[] = [
  ['criminality', 0.4],
  ['suitability', 0.3],
  ['security', 0.2],
  ['deception', 0.1],
];
/** E7: how long a check takes, in simulated days. */
const FASTEST_DAYS = 1;
const SLOWEST_DAYS = 10;

/**
 * The UK security services (E7): each person asked about is checked after 1 to 10 simulated days; a
 * configured share is refused on a ground (security, criminality, suitability, deception), the rest clear.
 */
export class SecurityServicesAgency {
  private readonly checked = new BoundedSet<string>(50_000);

  constructor(private readonly context: AgencyContext) {}

  /** Checks were asked for: one result per person, each when that person's check finishes. */
  async onCheckRequested(event: EventEnvelope<SecurityCheckRequestedData>): Promise<void> {
    const { config, random, clock, producer } = this.context;
    const { eoiId, checkReference, personIds } = event.data;
    for (const personId of personIds) {
      const key = `${checkReference}|${personId}`;
      if (!this.checked.addIfNew(key)) continue;
      const days = FASTEST_DAYS + (SLOWEST_DAYS - FASTEST_DAYS) * random.unit('security-days', key);
      const refused = random.chance(config.SIM_SECURITY_REFUSE_SHARE, 'security-refuse', key);
      const ground = refused ? groundFor(random.unit('security-ground', key)) : undefined;
      clock.in(
        days * SIM_DAY_MS,
        async () => {
          const completedAt = new Date().toISOString();
          await producer.publish(Topics.securityCheckCompleted, {
            subject: eoiId,
            source: 'uk-security-checks',
            occurredAt: completedAt,
            correlationId: event.correlationId,
            causationId: event.eventId,
            data: { eoiId, checkReference, personId, outcome: refused ? 'refuse' : 'clear', ...(ground ? { ground } : {}), completedAt },
          });
        },
        reportFailure(this.context, 'security-check-completed'),
      );
    }
  }
}

function groundFor(roll: number): SecurityRefusalGround {
  let left = roll;
  for (const [ground, weight] of GROUNDS) {
    left -= weight;
    if (left < 0) return ground;
  }
  return 'criminality';
}
