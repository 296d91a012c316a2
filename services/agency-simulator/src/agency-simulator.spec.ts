import { createLogger } from '@oioo/config';
import { type TopicDefinition, Topics } from '@oioo/contracts';
import { EventConsumer, EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { AgencySimulator } from './agency-simulator';
import { SeededRandom } from './seeded-random';
import { simulatorConfigSchema } from './simulator-config';
import { FAST_COMPRESSION, eventually, incoming, inMs, pause, publishedOn } from './test-support/agency-harness';
import { FakeDeskTemporal } from './test-support/fake-temporal';

/** The simulator on the in-memory broker, its consumer reading through the platform's validating consumer. */
function simulator(env: Record<string, string> = {}) {
  const transport = new InMemoryKafkaTransport();
  const logger = createLogger('test', {}, () => undefined);
  const producer = new EventProducer(transport.createProducer(), logger);
  const consumer = new EventConsumer({
    transport: transport.createConsumer({ groupId: 'agency-simulator' }),
    deadLetters: producer,
    groupId: 'agency-simulator',
    maxAttempts: 1,
    retryBackoffMs: 1,
    logger,
  });
  // No spontaneous arrivals or EOIs: the specs make them.
  const config = simulatorConfigSchema.parse({ SIM_TIME_COMPRESSION: FAST_COMPRESSION, SIM_ARRIVALS_PER_DAY: '0', SIM_EOIS_PER_DAY: '0', SIM_DESK_POLL_MS: '100000', SIM_LEFT_FOR_PEOPLE_SHARE: '0', ...env });
  const temporal = new FakeDeskTemporal();
  return { transport, consumer, temporal, simulator: new AgencySimulator({ config, producer, consumer, temporal, logger }) };
}

/** Hands an event to the simulator's consumer as the broker would. */
async function deliver(transport: InMemoryKafkaTransport, topic: TopicDefinition, event: { subject: string }) {
  await transport.deliver(topic.name, { key: event.subject, value: JSON.stringify(event) });
}

const READMISSION_TOPICS = [Topics.readmissionRequestSent.name, Topics.manifestNotified.name];
const LEGAL_ROUTE_TOPICS = [Topics.presenceRequested.name, Topics.appointmentBooked.name, Topics.securityCheckRequested.name, Topics.travelBooked.name];

describe('the agency simulator', () => {
  it('runs both routes by default: the legal route’s topics are consumed beside the readmission ones', () => {
    const { consumer, simulator: sim } = simulator();
    expect(consumer.topics().sort()).toEqual([...READMISSION_TOPICS, ...LEGAL_ROUTE_TOPICS].sort());
    expect(sim.legalRoute).toBeDefined();
  });

  it('leaves the legal route out when SIM_LEGAL_ROUTE is false', () => {
    const { consumer, simulator: sim } = simulator({ SIM_LEGAL_ROUTE: 'false' });
    expect(consumer.topics().sort()).toEqual([...READMISSION_TOPICS].sort());
    expect(sim.legalRoute).toBeUndefined();
  });

  it('R7 a legal challenge comes to a case the platform asked France about, never to an arrival alone', async () => {
    const { transport, simulator: sim } = simulator({ SIM_CHALLENGE_SHARE: '1', SIM_FRANCE_ACCEPT_SHARE: '1', SIM_LEGAL_ROUTE: 'false' });
    await sim.start();
    try {
      const arrival = await sim.borderForce.recordArrival();
      await pause();
      expect(publishedOn(transport, Topics.challengeLodged)).toEqual([]);

      const random = new SeededRandom(6);
      await deliver(
        transport,
        Topics.readmissionRequestSent,
        incoming(Topics.readmissionRequestSent, arrival.caseId, {
          requestReference: random.opaqueId('req', 'r7'),
          caseId: arrival.caseId,
          personId: arrival.personId,
          biometricReference: 'enr-r7',
          crossingEvidence: [{ kind: 'interception-record', reference: 'int-r7' }],
          arrivedAt: arrival.arrivedAt,
          requestNumber: 1,
        }),
      );

      await eventually(() => {
        expect(publishedOn(transport, Topics.franceReplied)).toHaveLength(1);
        expect(publishedOn(transport, Topics.challengeLodged)).toHaveLength(1);
      });
      expect(publishedOn(transport, Topics.challengeLodged)[0]?.data).toMatchObject({ caseId: arrival.caseId, personId: arrival.personId });
    } finally {
      await sim.stop();
    }
  });

  it('E4 an applicant who crossed before gives, at the VAC, the template Border Force recorded for them', async () => {
    const { transport, simulator: sim } = simulator({ SIM_EOI_PRIOR_ENTRY_SHARE: '1', SIM_EOI_FAMILY_SHARE: '0', SIM_VAC_NO_SHOW_SHARE: '0', SIM_CHALLENGE_SHARE: '0' });
    await sim.start();
    try {
      const arrival = await sim.borderForce.recordArrival();
      const eoi = await sim.legalRoute?.portal.submitEoi();
      const eoiId = eoi?.data.eoiId ?? '';
      const personId = eoi?.data.applicants[0]?.personId ?? '';
      const random = new SeededRandom(4);
      await deliver(
        transport,
        Topics.appointmentBooked,
        incoming(Topics.appointmentBooked, eoiId, { eoiId, appointmentReference: random.opaqueId('vac', 'e4'), personIds: [personId], centre: 'VAC Paris', at: inMs(5) }),
      );

      await eventually(() => expect(publishedOn(transport, Topics.biometricsCaptured)).toHaveLength(1));
      expect(publishedOn(transport, Topics.biometricsCaptured)[0]?.data).toMatchObject({ personId, biometricTemplate: arrival.biometricTemplate });
    } finally {
      await sim.stop();
    }
  });

  it('answers each legal-route request from the platform through the broker, every event on its contract', async () => {
    const { transport, simulator: sim } = simulator({
      SIM_PRESENCE_NEVER_CONFIRMED_SHARE: '0',
      SIM_PRESENCE_OUTSIDE_FRANCE_SHARE: '0',
      SIM_VAC_NO_SHOW_SHARE: '0',
      SIM_EOI_NO_TRAVEL_SHARE: '0',
      SIM_EOI_FAMILY_SHARE: '1',
      SIM_EOI_INELIGIBLE_SHARE: '0',
    });
    await sim.start();
    try {
      const eoi = await sim.legalRoute?.portal.submitEoi();
      const eoiId = eoi?.data.eoiId ?? '';
      const everyone = eoi?.data.applicants.map((applicant) => applicant.personId) ?? [];
      const adults = eoi?.data.applicants.filter((applicant) => applicant.role !== 'child').map((applicant) => applicant.personId) ?? [];
      const random = new SeededRandom(5);
      await deliver(transport, Topics.presenceRequested, incoming(Topics.presenceRequested, eoiId, { eoiId, personIds: adults, askedAt: new Date().toISOString(), confirmBy: inMs(500) }));
      await deliver(
        transport,
        Topics.appointmentBooked,
        incoming(Topics.appointmentBooked, eoiId, { eoiId, appointmentReference: random.opaqueId('vac', 'flow'), personIds: everyone, centre: 'VAC Paris', at: inMs(5) }),
      );
      await deliver(
        transport,
        Topics.securityCheckRequested,
        incoming(Topics.securityCheckRequested, eoiId, { eoiId, checkReference: random.opaqueId('sec', 'flow'), personIds: everyone, requestedAt: new Date().toISOString() }),
      );
      await deliver(
        transport,
        Topics.travelBooked,
        incoming(Topics.travelBooked, eoiId, { eoiId, travelReference: random.opaqueId('trv', 'flow'), personIds: everyone, departsAt: inMs(5), arrivalPort: 'Dover' }),
      );

      await eventually(() => {
        expect(publishedOn(transport, Topics.eoiSubmitted)).toHaveLength(1);
        expect(publishedOn(transport, Topics.presenceConfirmed)).toHaveLength(adults.length);
        expect(publishedOn(transport, Topics.biometricsCaptured)).toHaveLength(everyone.length);
        expect(publishedOn(transport, Topics.securityCheckCompleted)).toHaveLength(everyone.length);
        expect(publishedOn(transport, Topics.entryRecorded)).toHaveLength(everyone.length);
      });
      // Nothing the simulator published was dead-lettered or off-contract, and every event is about the EOI.
      expect(transport.sent.filter((message) => message.topic.endsWith('.dlq'))).toEqual([]);
      const answers = [
        ...publishedOn(transport, Topics.presenceConfirmed),
        ...publishedOn(transport, Topics.biometricsCaptured),
        ...publishedOn(transport, Topics.securityCheckCompleted),
        ...publishedOn(transport, Topics.entryRecorded),
      ];
      for (const event of answers) expect([event.subject, event.data.eoiId]).toEqual([eoiId, eoiId]);
    } finally {
      await sim.stop();
    }
  });
});
