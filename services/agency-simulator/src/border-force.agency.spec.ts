import { createLogger } from '@oioo/config';
import { Topics, arrivalRecordedEventSchema } from '@oioo/contracts';
import { EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { BorderForceAgency } from './border-force.agency';
import { SeededRandom } from './seeded-random';
import { SimClock } from './sim-clock';
import { simulatorConfigSchema } from './simulator-config';

function agency(env: Record<string, string> = {}) {
  const transport = new InMemoryKafkaTransport();
  const logger = createLogger('test', {}, () => undefined);
  const producer = new EventProducer(transport.createProducer(), logger);
  const config = simulatorConfigSchema.parse(env);
  const seen: string[] = [];
  const borderForce = new BorderForceAgency(
    { config, producer, logger, random: new SeededRandom(config.SIM_SEED), clock: new SimClock(config.SIM_TIME_COMPRESSION) },
    (arrival) => seen.push(arrival.caseId),
  );
  return { transport, producer, borderForce, seen };
}

describe('simulated Border Force', () => {
  it('publishes arrivals that pass their contract, keyed by the opaque case id', async () => {
    const { transport, producer, borderForce, seen } = agency();
    await producer.connect();
    const arrival = await borderForce.recordArrival();

    const [sent] = transport.sentTo(Topics.arrivalRecorded.name);
    expect(sent?.key?.toString()).toBe(arrival.caseId);
    expect(arrivalRecordedEventSchema.parse(JSON.parse(sent?.value?.toString() ?? '{}')).data).toEqual(arrival);
    expect(seen).toEqual([arrival.caseId]);
  });

  it('R1 sends some arrivals without crossing evidence, at the configured share', async () => {
    const { producer, borderForce } = agency({ SIM_NO_EVIDENCE_SHARE: '1' });
    await producer.connect();
    expect((await borderForce.recordArrival()).crossingEvidence).toEqual([]);
  });

  it('R11 records some arrivals twice: a second record with a new case id, the same crossing and biometrics, that no agency follows', async () => {
    const { transport, producer, borderForce, seen } = agency({ SIM_DUPLICATE_RECORD_SHARE: '1' });
    await producer.connect();
    const arrival = await borderForce.recordArrival();

    const records = transport.sentTo(Topics.arrivalRecorded.name).map((sent) => arrivalRecordedEventSchema.parse(JSON.parse(sent.value?.toString() ?? '{}')));
    expect(records).toHaveLength(2);
    const second = records[1];
    expect(second?.eventId).not.toBe(records[0]?.eventId);
    expect(second?.data.caseId).not.toBe(arrival.caseId);
    expect(second?.data.personId).not.toBe(arrival.personId);
    expect(second?.data).toMatchObject({ arrivedAt: arrival.arrivedAt, crossingEvidence: arrival.crossingEvidence, biometricTemplate: arrival.biometricTemplate });
    expect(seen).toEqual([arrival.caseId]);
  });

  it('R11 records no arrival twice when the share is 0', async () => {
    const { transport, producer, borderForce } = agency({ SIM_DUPLICATE_RECORD_SHARE: '0' });
    await producer.connect();
    await borderForce.recordArrival();
    expect(transport.sentTo(Topics.arrivalRecorded.name)).toHaveLength(1);
  });
});
