import { Topics } from '@oioo/contracts';
import { BiometricMemory } from './biometric-memory';
import { SeededRandom } from './seeded-random';
import { agencyHarness, eventually, incoming, inMs, pause, publishedOn } from './test-support/agency-harness';
import { VisaApplicationCentreAgency } from './visa-application-centre.agency';

const random = new SeededRandom(1);
const eoiId = random.opaqueId('eoi', 'spec');
const people = [0, 1, 2].map((n) => random.opaqueId('per', 'spec', n));
const appointmentReference = random.opaqueId('vac', 'spec');

async function centre(env: Record<string, string> = {}) {
  const harness = await agencyHarness(env);
  const biometrics = new BiometricMemory();
  return { ...harness, biometrics, centre: new VisaApplicationCentreAgency(harness.context, biometrics) };
}

function booking(at: string, personIds = people) {
  return incoming(Topics.appointmentBooked, eoiId, { eoiId, appointmentReference, personIds, centre: 'VAC Paris', at });
}

describe('simulated visa application centre', () => {
  it('E7 the VAC captures each booked person at the appointment time, not before', async () => {
    const { transport, centre: agency } = await centre({ SIM_VAC_NO_SHOW_SHARE: '0' });
    const at = inMs(60);
    const event = booking(at);
    await agency.onAppointmentBooked(event);
    expect(publishedOn(transport, Topics.biometricsCaptured)).toEqual([]);

    await eventually(() => expect(publishedOn(transport, Topics.biometricsCaptured)).toHaveLength(3));
    const captured = publishedOn(transport, Topics.biometricsCaptured);
    expect(captured.map((item) => item.data.personId)).toEqual(people);
    for (const item of captured) {
      expect(item).toMatchObject({ source: 'visa-application-centre', subject: eoiId, causationId: event.eventId, correlationId: event.correlationId });
      expect(item.data.appointmentReference).toBe(appointmentReference);
      expect(new Date(item.data.capturedAt).getTime()).toBeGreaterThanOrEqual(new Date(at).getTime() - 5);
    }
    expect(new Set(captured.map((item) => item.data.biometricTemplate)).size).toBe(3);
  });

  it('E4 the VAC captures the earlier template of an applicant who crossed before, and a fresh one for the others', async () => {
    const { transport, centre: agency, biometrics } = await centre({ SIM_VAC_NO_SHOW_SHARE: '0' });
    biometrics.rememberArrival('tpl-ARRIVALTEMPLATE01');
    biometrics.assignEarlierEntry(people[1] ?? '', 0.5);
    await agency.onAppointmentBooked(booking(inMs(5)));

    await eventually(() => expect(publishedOn(transport, Topics.biometricsCaptured)).toHaveLength(3));
    const templates = publishedOn(transport, Topics.biometricsCaptured).map((item) => item.data.biometricTemplate);
    expect(templates[1]).toBe('tpl-ARRIVALTEMPLATE01');
    expect(templates.filter((template) => template === 'tpl-ARRIVALTEMPLATE01')).toHaveLength(1);
  });

  it('E4 a returned person is preferred over any other arrival as the earlier crossing', () => {
    const biometrics = new BiometricMemory();
    biometrics.rememberArrival('tpl-ARRIVALONLY0001');
    biometrics.rememberReturn('tpl-RETURNEDPERSON1');
    expect(biometrics.assignEarlierEntry(people[0] ?? '', 0.99)).toBe('tpl-RETURNEDPERSON1');
  });

  it('E7 a person gives the same template at a rebooked appointment; a redelivered booking is attended once', async () => {
    const { transport, centre: agency } = await centre({ SIM_VAC_NO_SHOW_SHARE: '0' });
    const first = booking(inMs(5), [people[0] ?? '']);
    await agency.onAppointmentBooked(first);
    await agency.onAppointmentBooked(first);
    await agency.onAppointmentBooked(booking(inMs(10), [people[0] ?? '']));

    await eventually(() => expect(publishedOn(transport, Topics.biometricsCaptured)).toHaveLength(2));
    await pause();
    const [one, two] = publishedOn(transport, Topics.biometricsCaptured);
    expect(publishedOn(transport, Topics.biometricsCaptured)).toHaveLength(2);
    expect(one?.data.biometricTemplate).toBe(two?.data.biometricTemplate);
  });

  it('E7 a missed appointment captures nothing', async () => {
    const { transport, centre: agency } = await centre({ SIM_VAC_NO_SHOW_SHARE: '1' });
    await agency.onAppointmentBooked(booking(inMs(5)));
    await pause();
    expect(publishedOn(transport, Topics.biometricsCaptured)).toEqual([]);
  });
});
