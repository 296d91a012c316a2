import { type AppointmentBookedData, type EventEnvelope, Topics } from '@oioo/contracts';
import { type AgencyContext, reportFailure } from './agency-context';
import { type BiometricMemory } from './biometric-memory';
import { BoundedSet } from './bounded-memory';

/**
 * The visa application centre in Paris (E7): at the booked time it captures each person's biometrics.
 * A person who crossed or was returned before gives the template Border Force recorded then (E4);
 * everyone else their own. A configured share of appointments is missed: nobody comes, nothing is captured.
 */
export class VisaApplicationCentreAgency {
  private readonly booked = new BoundedSet<string>(50_000);

  constructor(
    private readonly context: AgencyContext,
    private readonly biometrics: BiometricMemory,
  ) {}

  /** An appointment was booked: the family attends together at `at`, or misses it. */
  async onAppointmentBooked(event: EventEnvelope<AppointmentBookedData>): Promise<void> {
    const { config, random, clock, producer } = this.context;
    const { eoiId, appointmentReference, personIds, at } = event.data;
    const key = `${appointmentReference}|${at}`;
    if (!this.booked.addIfNew(key)) return;
    if (random.chance(config.SIM_VAC_NO_SHOW_SHARE, 'vac-no-show', key)) return;
    // `at` is a real instant (the platform compresses its schedule as the simulation does).
    const untilAppointment = Math.max((new Date(at).getTime() - Date.now()) * clock.compression, 0);
    clock.in(
      untilAppointment,
      async () => {
        // Each person is captured on their own: one failed publication does not lose the others.
        for (const personId of personIds) {
          const capturedAt = new Date().toISOString();
          await producer
            .publish(Topics.biometricsCaptured, {
              subject: eoiId,
              source: 'visa-application-centre',
              occurredAt: capturedAt,
              correlationId: event.correlationId,
              causationId: event.eventId,
              data: { eoiId, appointmentReference, personId, capturedAt, biometricTemplate: this.templateOf(personId) },
            })
            .catch(reportFailure(this.context, 'biometrics-captured'));
        }
      },
      reportFailure(this.context, 'biometrics-captured'),
    );
  }

  /** The person's template: an earlier crossing's, or their own (the same every time they are captured). */
  templateOf(personId: string): string {
    return this.biometrics.earlierTemplateOf(personId) ?? `tpl-${this.context.random.opaqueId('tpl', 'vac-template', personId).slice(8)}`;
  }
}
