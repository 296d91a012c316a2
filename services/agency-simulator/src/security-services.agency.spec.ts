import { Topics, securityRefusalGroundSchema } from '@oioo/contracts';
import { SecurityServicesAgency } from './security-services.agency';
import { SeededRandom } from './seeded-random';
import { SIM_DAY_MS } from './sim-clock';
import { agencyHarness, eventually, incoming, pause, publishedOn } from './test-support/agency-harness';

const random = new SeededRandom(2);
const eoiId = random.opaqueId('eoi', 'spec');
const checkReference = random.opaqueId('sec', 'spec');

async function services(env: Record<string, string> = {}) {
  const harness = await agencyHarness(env);
  return { ...harness, services: new SecurityServicesAgency(harness.context) };
}

function request(personIds: string[]) {
  return incoming(Topics.securityCheckRequested, eoiId, { eoiId, checkReference, personIds, requestedAt: new Date().toISOString() });
}

describe('simulated security services', () => {
  it('E7 answers once per person, each after 1 to 10 simulated days', async () => {
    const { transport, clock, services: agency } = await services({ SIM_SECURITY_REFUSE_SHARE: '0' });
    const personIds = [0, 1, 2, 3].map((n) => random.opaqueId('per', 'spec', n));
    const event = request(personIds);
    await agency.onCheckRequested(event);
    await agency.onCheckRequested(event);

    expect(clock.delays).toHaveLength(4);
    for (const delay of clock.delays) {
      expect(delay).toBeGreaterThanOrEqual(SIM_DAY_MS);
      expect(delay).toBeLessThanOrEqual(10 * SIM_DAY_MS);
    }
    await eventually(() => expect(publishedOn(transport, Topics.securityCheckCompleted)).toHaveLength(4));
    await pause();
    const results = publishedOn(transport, Topics.securityCheckCompleted);
    expect(results).toHaveLength(4);
    expect(results.map((item) => item.data.personId).sort()).toEqual([...personIds].sort());
    for (const item of results) {
      expect(item).toMatchObject({ source: 'uk-security-checks', subject: eoiId, causationId: event.eventId, correlationId: event.correlationId });
      expect(item.data).toMatchObject({ eoiId, checkReference, outcome: 'clear' });
      expect(item.data.ground).toBeUndefined();
    }
  });

  it('E7 refuses the configured share, each with a ground', async () => {
    const { transport, services: agency } = await services({ SIM_SECURITY_REFUSE_SHARE: '1' });
    await agency.onCheckRequested(request([random.opaqueId('per', 'spec', 9)]));
    await eventually(() => expect(publishedOn(transport, Topics.securityCheckCompleted)).toHaveLength(1));
    const [result] = publishedOn(transport, Topics.securityCheckCompleted);
    expect(result?.data.outcome).toBe('refuse');
    expect(securityRefusalGroundSchema.options).toContain(result?.data.ground);
  });

  it('E7 by default refuses about 3 in 100', async () => {
    const { transport, services: agency } = await services();
    const personIds = Array.from({ length: 12 }, (_, n) => random.opaqueId('per', 'many', n));
    for (let batch = 0; batch < 50; batch += 1) {
      await agency.onCheckRequested(
        incoming(Topics.securityCheckRequested, eoiId, {
          eoiId,
          checkReference: random.opaqueId('sec', 'batch', batch),
          personIds,
          requestedAt: new Date().toISOString(),
        }),
      );
    }
    await eventually(() => expect(publishedOn(transport, Topics.securityCheckCompleted)).toHaveLength(600));
    const refused = publishedOn(transport, Topics.securityCheckCompleted).filter((item) => item.data.outcome === 'refuse').length;
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(40);
  });
});
