import { type EventEnvelope, type PresenceRequestedData, Topics } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { type BiometricMemory } from './biometric-memory';
import { BoundedSet } from './bounded-memory';
import { type GeneratedEoi, generateEoi } from './eoi-applicants';
import { SIM_DAY_MS } from './sim-clock';

const HOUR_MS = 60 * 60 * 1000;
/** Where the few applicants the portal does not locate in France turn out to be (E2 fails). */
const OUTSIDE_FRANCE = ['BEL', 'DEU', 'ITA', 'ESP', 'CHE'] as const;

/**
 * The EOI portal: expressions of interest as a Poisson process at SIM_EOIS_PER_DAY (E1: the windows are
 * open; E5: some are families), and each adult's answer when asked to confirm their location in France (E2).
 */
export class EoiPortalAgency {
  private sequence = 0;
  private stopped = false;
  private readonly asked = new BoundedSet<string>(50_000);

  constructor(
    private readonly context: AgencyContext,
    private readonly biometrics: BiometricMemory,
  ) {}

  /** Starts submitting EOIs until stopped. */
  start(): void {
    this.stopped = false;
    this.scheduleNext();
  }

  /** Stops after the submission in flight. */
  stop(): void {
    this.stopped = true;
  }

  private scheduleNext(): void {
    const { config, random, clock } = this.context;
    if (this.stopped || config.SIM_EOIS_PER_DAY === 0) return;
    const gap = random.exponential(SIM_DAY_MS / config.SIM_EOIS_PER_DAY, 'eoi-gap', this.sequence);
    clock.in(
      gap,
      async () => {
        this.scheduleNext();
        await this.submitEoi();
      },
      reportFailure(this.context, 'eoi-submitted'),
    );
  }

  /**
   * Publishes one submission, as the portal would. A configured share of adults are people who crossed or
   * were returned before (E4): the visa application centre will capture their earlier template.
   */
  async submitEoi(): Promise<GeneratedEoi> {
    const { config, random, producer } = this.context;
    this.sequence += 1;
    const eoi = generateEoi(
      random,
      { familyShare: config.SIM_EOI_FAMILY_SHARE, ineligibleShare: config.SIM_EOI_INELIGIBLE_SHARE, ukLinkShare: config.SIM_EOI_UK_LINK_SHARE },
      this.sequence,
      new Date(),
    );
    for (const applicant of eoi.data.applicants) {
      if (applicant.role === 'child' || !this.biometrics.hasEarlierEntries()) continue;
      if (random.chance(config.SIM_EOI_PRIOR_ENTRY_SHARE, 'eoi-prior-entry', applicant.personId)) {
        this.biometrics.assignEarlierEntry(applicant.personId, random.unit('eoi-prior-entry-who', applicant.personId));
      }
    }
    const { eoiId, submittedAt } = eoi.data;
    await producer.publish(Topics.eoiSubmitted, { subject: eoiId, source: 'eoi-portal', occurredAt: submittedAt, data: eoi.data });
    return eoi;
  }

  /**
   * Identity asked the adults to confirm their location (E2). Each answers after a random delay inside the
   * 24 hours (and before `confirmBy`), from France or, for a few, from elsewhere; a configured share never answers.
   */
  async onPresenceRequested(event: EventEnvelope<PresenceRequestedData>): Promise<void> {
    const { config, random, clock, producer } = this.context;
    const { eoiId, personIds, confirmBy } = event.data;
    // Simulated time left before the deadline, at most E2's 24 hours.
    const window = Math.min(24 * HOUR_MS, Math.max((new Date(confirmBy).getTime() - Date.now()) * clock.compression, 0));
    for (const personId of personIds) {
      const key = `${eoiId}|${personId}|${event.data.askedAt}`;
      if (!this.asked.addIfNew(key)) continue;
      if (random.chance(config.SIM_PRESENCE_NEVER_CONFIRMED_SHARE, 'presence-never', key)) continue;
      const outside = random.chance(config.SIM_PRESENCE_OUTSIDE_FRANCE_SHARE, 'presence-outside', key);
      const country = outside ? OUTSIDE_FRANCE[random.between(0, OUTSIDE_FRANCE.length - 1, 'presence-country', key)] ?? 'BEL' : 'FRA';
      const delay = window * (0.05 + 0.85 * random.unit('presence-delay', key));
      clock.in(
        delay,
        async () => {
          const confirmedAt = new Date().toISOString();
          await producer.publish(Topics.presenceConfirmed, {
            subject: eoiId,
            source: 'eoi-portal',
            occurredAt: confirmedAt,
            correlationId: event.correlationId,
            causationId: event.eventId,
            data: { eoiId, personId, confirmedAt, country },
          });
        },
        reportFailure(this.context, 'presence-confirmed'),
      );
    }
  }
}
