import { LEGAL_CHALLENGE_KINDS, Topics } from '@oioo/contracts';
import { CourtsAgency } from './courts.agency';
import { SeededRandom } from './seeded-random';
import { SIM_DAY_MS } from './sim-clock';
import { agencyHarness, eventually, incoming, pause, publishedOn } from './test-support/agency-harness';

const random = new SeededRandom(7);

async function courts(env: Record<string, string> = {}) {
  const harness = await agencyHarness(env);
  return { ...harness, courts: new CourtsAgency(harness.context) };
}

/** The platform's request to France for one case, as legal-review publishes it. */
function requestSent(caseNumber: number, requestNumber = 1) {
  const caseId = random.opaqueId('case', 'courts', caseNumber);
  return incoming(Topics.readmissionRequestSent, caseId, {
    requestReference: random.opaqueId('req', 'courts', caseNumber, requestNumber),
    caseId,
    personId: random.opaqueId('per', 'courts', caseNumber),
    biometricReference: `enr-${caseNumber}`,
    crossingEvidence: [{ kind: 'interception-record', reference: `int-${caseNumber}` }],
    arrivedAt: new Date().toISOString(),
    requestNumber,
  });
}

describe('simulated courts', () => {
  it('R7 a challenge follows the first request to France: lodged within 4 simulated days, decided 3 to 20 days after, for that case and person', async () => {
    const { transport, clock, courts: agency } = await courts({ SIM_CHALLENGE_SHARE: '1', SIM_CHALLENGE_UPHELD_SHARE: '0' });
    const request = requestSent(1);
    agency.consider(request);

    const [lodgedAfter, decidedAfter] = clock.delays;
    expect(lodgedAfter).toBeLessThanOrEqual(4 * SIM_DAY_MS);
    expect((decidedAfter ?? 0) - (lodgedAfter ?? 0)).toBeGreaterThanOrEqual(3 * SIM_DAY_MS);
    expect((decidedAfter ?? 0) - (lodgedAfter ?? 0)).toBeLessThanOrEqual(20 * SIM_DAY_MS);
    await eventually(() => expect(publishedOn(transport, Topics.challengeDecided)).toHaveLength(1));
    const [lodged] = publishedOn(transport, Topics.challengeLodged);
    const [decided] = publishedOn(transport, Topics.challengeDecided);
    expect(lodged).toMatchObject({ subject: request.data.caseId, causationId: request.eventId });
    expect(lodged?.data).toMatchObject({ caseId: request.data.caseId, personId: request.data.personId });
    expect(LEGAL_CHALLENGE_KINDS).toContain(lodged?.data.kind);
    expect(decided?.data).toMatchObject({ challengeId: lodged?.data.challengeId, caseId: request.data.caseId, outcome: 'dismissed' });
  });

  it('R7 a corrected request for the same case brings no second challenge', async () => {
    const { transport, clock, courts: agency } = await courts({ SIM_CHALLENGE_SHARE: '1' });
    agency.consider(requestSent(2, 2));
    await pause();

    expect(clock.delays).toEqual([]);
    expect(publishedOn(transport, Topics.challengeLodged)).toEqual([]);
  });

  it('R7 by default about 1 case in 10 asked of France is challenged', async () => {
    const { clock, courts: agency } = await courts();
    for (let caseNumber = 100; caseNumber < 600; caseNumber += 1) agency.consider(requestSent(caseNumber));

    const challenged = clock.delays.length / 2;
    expect(challenged).toBeGreaterThan(25);
    expect(challenged).toBeLessThan(80);
  });
});
