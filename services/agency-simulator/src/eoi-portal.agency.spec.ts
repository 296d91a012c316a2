import { Topics } from '@oioo/contracts';
import { EEA_NATIONALITIES, adultsOf, ageOn, eligibilityFailures } from '@oioo/domain';
import { BiometricMemory } from './biometric-memory';
import { INELIGIBILITY_KINDS } from './eoi-applicants';
import { EoiPortalAgency } from './eoi-portal.agency';
import { SIM_DAY_MS } from './sim-clock';
import { agencyHarness, eventually, incoming, inMs, pause, publishedOn } from './test-support/agency-harness';

const LISTED = ['ERI', 'SDN', 'AFG', 'SYR', 'IRN', 'IRQ', 'VNM'];
const HOUR_MS = 60 * 60 * 1000;

async function portal(env: Record<string, string> = {}) {
  const harness = await agencyHarness(env);
  const biometrics = new BiometricMemory();
  return { ...harness, biometrics, portal: new EoiPortalAgency(harness.context, biometrics) };
}

async function submitMany(agency: EoiPortalAgency, count: number) {
  const submitted = [];
  for (let n = 0; n < count; n += 1) submitted.push(await agency.submitEoi());
  return submitted;
}

describe('simulated EOI portal', () => {
  it('publishes submissions that pass their contract, keyed by the EOI id, with realistic applicants', async () => {
    const { transport, portal: agency } = await portal();
    const submitted = await submitMany(agency, 40);

    const events = publishedOn(transport, Topics.eoiSubmitted);
    expect(events).toHaveLength(40);
    events.forEach((event, index) => {
      expect(event.source).toBe('eoi-portal');
      expect(event.subject).toBe(event.data.eoiId);
      expect(event.occurredAt).toBe(event.data.submittedAt);
      expect(event.data).toEqual(submitted[index]?.data);
      for (const applicant of event.data.applicants) {
        expect(applicant.givenNames.length).toBeGreaterThan(0);
        expect(applicant.familyName.length).toBeGreaterThan(0);
      }
    });
    const nationalities = new Set(events.flatMap((event) => event.data.applicants.flatMap((applicant) => applicant.nationalities)));
    expect([...nationalities].filter((code) => LISTED.includes(code)).length).toBeGreaterThanOrEqual(5);
    expect(new Set(events.map((event) => event.data.eoiId)).size).toBe(40);
  });

  it('E5 the portal submits families under one EOI with exactly one main applicant', async () => {
    const { transport, portal: agency } = await portal({ SIM_EOI_FAMILY_SHARE: '1', SIM_EOI_INELIGIBLE_SHARE: '0' });
    await submitMany(agency, 30);

    for (const { data } of publishedOn(transport, Topics.eoiSubmitted)) {
      const submittedAt = new Date(data.submittedAt);
      const main = data.applicants.filter((applicant) => applicant.role === 'main');
      expect(main).toHaveLength(1);
      expect(data.applicants.length).toBeGreaterThan(1);
      expect(data.familyReference).toBeDefined();
      expect(new Set(data.applicants.map((applicant) => applicant.personId)).size).toBe(data.applicants.length);
      expect(ageOn(main[0]?.dateOfBirth ?? '', submittedAt)).toBeGreaterThanOrEqual(18);
      for (const child of data.applicants.filter((applicant) => applicant.role === 'child')) {
        expect(ageOn(child.dateOfBirth, submittedAt)).toBeLessThan(18);
        expect(child.familyName).toBe(main[0]?.familyName);
      }
      expect(eligibilityFailures(data.applicants, submittedAt, 18)).toEqual([]);
    }
  });

  it('E3 with no ineligible share every submission passes eligibility; singles have no family reference', async () => {
    const { transport, portal: agency } = await portal({ SIM_EOI_FAMILY_SHARE: '0', SIM_EOI_INELIGIBLE_SHARE: '0' });
    await submitMany(agency, 50);

    for (const { data } of publishedOn(transport, Topics.eoiSubmitted)) {
      expect(data.applicants).toHaveLength(1);
      expect(data.familyReference).toBeUndefined();
      expect(eligibilityFailures(data.applicants, new Date(data.submittedAt), 18)).toEqual([]);
    }
  });

  it('E3 sends ineligible EOIs at the configured share, each failing eligibility in one of the ways E3 names', async () => {
    const { transport, portal: agency } = await portal({ SIM_EOI_INELIGIBLE_SHARE: '1' });
    const submitted = await submitMany(agency, 60);

    for (const { data } of publishedOn(transport, Topics.eoiSubmitted)) {
      expect(eligibilityFailures(data.applicants, new Date(data.submittedAt), 18).length).toBeGreaterThan(0);
    }
    expect(new Set(submitted.map((eoi) => eoi.ineligibility))).toEqual(new Set(INELIGIBILITY_KINDS));
    const eea = submitted.find((eoi) => eoi.ineligibility === 'eea-national');
    expect(eea?.data.applicants[0]?.nationalities.some((code) => EEA_NATIONALITIES.has(code))).toBe(true);
    const noNationality = submitted.find((eoi) => eoi.ineligibility === 'no-nationality-on-document');
    expect(noNationality?.data.applicants[0]?.document.nationalityShown).toBeNull();
    const resident = submitted.find((eoi) => eoi.ineligibility === 'french-residence-permission');
    expect(resident?.data.applicants[0]?.frenchResidencePermission).toBe(true);
  });

  it('E3 by default a few submissions in a hundred are ineligible and about a third are families', async () => {
    const { portal: agency } = await portal();
    const submitted = await submitMany(agency, 400);
    const ineligible = submitted.filter((eoi) => eoi.ineligibility).length;
    const families = submitted.filter((eoi) => eoi.family).length;
    expect(ineligible).toBeGreaterThan(5);
    expect(ineligible).toBeLessThan(40);
    expect(families).toBeGreaterThan(80);
    expect(families).toBeLessThan(160);
  });

  it('E4 marks adults at the configured share as people who crossed before, once any crossing is known', async () => {
    const { portal: agency, biometrics } = await portal({ SIM_EOI_PRIOR_ENTRY_SHARE: '1', SIM_EOI_FAMILY_SHARE: '1' });
    const [before] = await submitMany(agency, 1);
    expect(before?.data.applicants.every((applicant) => biometrics.earlierTemplateOf(applicant.personId) === undefined)).toBe(true);

    biometrics.rememberArrival('tpl-CROSSEDBEFORE01');
    const [after] = await submitMany(agency, 1);
    for (const applicant of after?.data.applicants ?? []) {
      expect(biometrics.earlierTemplateOf(applicant.personId)).toBe(applicant.role === 'child' ? undefined : 'tpl-CROSSEDBEFORE01');
    }
  });

  it('submits EOIs as a Poisson process at SIM_EOIS_PER_DAY until stopped', async () => {
    // A simulated day every 100 ms: at 12 a day, some 30 submissions in a quarter of a second.
    const { transport, portal: agency, clock } = await portal({ SIM_TIME_COMPRESSION: String(SIM_DAY_MS / 100) });
    agency.start();
    await pause(250);
    agency.stop();
    clock.stop();
    const count = publishedOn(transport, Topics.eoiSubmitted).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(120);

    const idle = await portal({ SIM_EOIS_PER_DAY: '0' });
    idle.portal.start();
    expect(idle.clock.delays).toEqual([]);
  });

  it('E2 the portal confirms each asked adult from France within 24 simulated hours and before the deadline', async () => {
    const { transport, portal: agency, clock } = await portal({ SIM_PRESENCE_NEVER_CONFIRMED_SHARE: '0', SIM_PRESENCE_OUTSIDE_FRANCE_SHARE: '0' });
    const eoi = await agency.submitEoi();
    const adults = adultsOf(eoi.data.applicants, new Date(), 18);
    const askedAt = new Date().toISOString();
    const confirmBy = inMs(1_000);
    const request = incoming(Topics.presenceRequested, eoi.data.eoiId, { eoiId: eoi.data.eoiId, personIds: adults, askedAt, confirmBy });
    await agency.onPresenceRequested(request);

    await eventually(() => expect(publishedOn(transport, Topics.presenceConfirmed)).toHaveLength(adults.length));
    for (const event of publishedOn(transport, Topics.presenceConfirmed)) {
      expect(event).toMatchObject({ source: 'eoi-portal', subject: eoi.data.eoiId, causationId: request.eventId, correlationId: request.correlationId });
      expect(event.data.country).toBe('FRA');
      expect(adults).toContain(event.data.personId);
      expect(new Date(event.data.confirmedAt).getTime()).toBeLessThanOrEqual(new Date(confirmBy).getTime());
    }
    for (const delay of clock.delays) {
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThan(24 * HOUR_MS);
    }
  });

  it('E2 an adult in the never-confirm share never confirms', async () => {
    const { transport, portal: agency } = await portal({ SIM_PRESENCE_NEVER_CONFIRMED_SHARE: '1' });
    const eoi = await agency.submitEoi();
    const personIds = [eoi.data.applicants[0]?.personId ?? ''];
    await agency.onPresenceRequested(incoming(Topics.presenceRequested, eoi.data.eoiId, { eoiId: eoi.data.eoiId, personIds, askedAt: new Date().toISOString(), confirmBy: inMs(20) }));
    await pause();
    expect(publishedOn(transport, Topics.presenceConfirmed)).toEqual([]);
  });

  it('E2 an adult in the outside-France share is located in another country', async () => {
    const { transport, portal: agency } = await portal({ SIM_PRESENCE_NEVER_CONFIRMED_SHARE: '0', SIM_PRESENCE_OUTSIDE_FRANCE_SHARE: '1' });
    const eoi = await agency.submitEoi();
    const personIds = [eoi.data.applicants[0]?.personId ?? ''];
    await agency.onPresenceRequested(incoming(Topics.presenceRequested, eoi.data.eoiId, { eoiId: eoi.data.eoiId, personIds, askedAt: new Date().toISOString(), confirmBy: inMs(20) }));
    await eventually(() => expect(publishedOn(transport, Topics.presenceConfirmed)).toHaveLength(1));
    expect(publishedOn(transport, Topics.presenceConfirmed)[0]?.data.country).not.toBe('FRA');
  });

  it('E2 answers a redelivered request once', async () => {
    const { transport, portal: agency } = await portal({ SIM_PRESENCE_NEVER_CONFIRMED_SHARE: '0' });
    const eoi = await agency.submitEoi();
    const request = incoming(Topics.presenceRequested, eoi.data.eoiId, {
      eoiId: eoi.data.eoiId,
      personIds: [eoi.data.applicants[0]?.personId ?? ''],
      askedAt: new Date().toISOString(),
      confirmBy: inMs(20),
    });
    await agency.onPresenceRequested(request);
    await agency.onPresenceRequested(request);
    await pause();
    expect(publishedOn(transport, Topics.presenceConfirmed)).toHaveLength(1);
  });
});
