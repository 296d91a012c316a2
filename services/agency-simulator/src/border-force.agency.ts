import { randomUUID } from 'node:crypto';
import { type ArrivalRecordedData, Topics } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { SIM_DAY_MS } from './sim-clock';

/** Border Force: small-boat arrivals as a Poisson process at the configured daily rate. */
export class BorderForceAgency {
  private sequence = 0;
  private stopped = false;
  /** Templates of people France took back; a few of them come again (R11 re-entry). */
  readonly returnedTemplates: string[] = [];

  constructor(
    private readonly context: AgencyContext,
    private readonly onArrival: (arrival: ArrivalRecordedData) => void,
  ) {}

  /** Starts recording arrivals until stopped. */
  start(): void {
    this.scheduleNext();
  }

  /** Stops after the arrival in flight. */
  stop(): void {
    this.stopped = true;
  }

  private scheduleNext(): void {
    const { config, random, clock } = this.context;
    if (this.stopped || config.SIM_ARRIVALS_PER_DAY === 0) return;
    const gap = random.exponential(SIM_DAY_MS / config.SIM_ARRIVALS_PER_DAY, 'arrival-gap', this.sequence);
    clock.in(
      gap,
      async () => {
        this.scheduleNext();
        await this.recordArrival();
      },
      reportFailure(this.context, 'arrival'),
    );
  }

  /** Publishes one arrival on the real topic, as Border Force's system would. */
  async recordArrival(): Promise<ArrivalRecordedData> {
    const { config, random, producer } = this.context;
    this.sequence += 1;
    const n = this.sequence;
    const caseId = random.opaqueId('case', 'arrival', n);
    const reEntry = this.returnedTemplates.length > 0 && random.chance(0.02, 're-entry', n);
    const arrival: ArrivalRecordedData = {
      caseId,
      personId: random.opaqueId('per', 'arrival', n),
      arrivedAt: new Date().toISOString(),
      route: random.chance(config.SIM_RESCUE_SHARE, 'rescue', n) ? 'search-and-rescue' : random.chance(0.5, 'route', n) ? 'claimed-protection' : 'apprehended',
      departedFrom: 'FR',
      crossingEvidence: random.chance(config.SIM_NO_EVIDENCE_SHARE, 'no-evidence', n)
        ? []
        : [{ kind: 'interception-record', reference: `BF-INT-${n}` }, { kind: 'biometric-capture', reference: `BF-BIO-${n}` }],
      biometricTemplate: reEntry
        ? (this.returnedTemplates[random.between(0, this.returnedTemplates.length - 1, 're-entry-who', n)] as string)
        : `tpl-${random.opaqueId('tpl', 'template', n).slice(8)}`,
    };
    await producer.publish(Topics.arrivalRecorded, { eventId: randomUUID(), subject: caseId, source: 'uk-border-force', occurredAt: arrival.arrivedAt, data: arrival });
    this.onArrival(arrival);
    if (random.chance(config.SIM_DUPLICATE_RECORD_SHARE, 'duplicate-record', n)) await this.recordAgain(arrival, n);
    return arrival;
  }

  /**
   * Border Force's second record of an arrival, as its systems sometimes send one: a new case id and
   * person id for the same crossing and biometrics. Identity links it to the first case (R11), so no
   * agency follows it up.
   */
  private async recordAgain(arrival: ArrivalRecordedData, n: number): Promise<void> {
    const { random, producer } = this.context;
    const caseId = random.opaqueId('case', 'duplicate-record', n);
    const again: ArrivalRecordedData = { ...arrival, caseId, personId: random.opaqueId('per', 'duplicate-record', n) };
    await producer.publish(Topics.arrivalRecorded, { eventId: randomUUID(), subject: caseId, source: 'uk-border-force', occurredAt: again.arrivedAt, data: again });
  }
}
