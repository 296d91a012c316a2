import type { EoiApplicantFacts } from '@oioo/domain';
import { eoiSubmittedSignal, withdrawEoiUpdate } from './definitions';
import { PROPOSER, adultApplicant, commandId, familyOfThree, useEoiEnvironment } from './test-support';

const fixture = useEoiEnvironment();
const HOUR_MS = 60 * 60 * 1000;

describe('EOI case: submission, presence and eligibility', () => {
  it('E1 an EOI submitted while no window is open is invalid at once, and asks the ledger for nothing', async () => {
    const ledger = await fixture.openLedger();
    const now = new Date(await fixture.env.currentTimeMs());
    const eoi = await fixture.submit(ledger, [adultApplicant()], {
      submittedAt: now,
      policy: { windows: [{ opensAt: new Date(now.getTime() + HOUR_MS).toISOString(), closesAt: new Date(now.getTime() + 48 * HOUR_MS).toISOString() }] },
    });

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'invalid', reason: expect.stringMatching(/^E1: .*no application window was open/) });
    expect(fixture.services.presenceRequests.filter((call) => call.eoiId === eoi.eoiId)).toEqual([]);
    expect(await ledger.balance()).toMatchObject({ eoisHeld: 0, grantsOutstanding: 0 });
  });

  it('E1 E2 an EOI inside a window asks every adult, and only the adults, to confirm within 24 hours', async () => {
    const ledger = await fixture.openLedger();
    const family = familyOfThree();
    const eoi = await fixture.submit(ledger, family);

    const view = await eoi.waitFor((current) => current.nextDeadline?.rule === 'E2');
    const request = fixture.services.presenceRequests.find((call) => call.eoiId === eoi.eoiId);
    expect(request).toMatchObject({ personIds: [family[0]?.personId, family[1]?.personId], confirmWithinMs: 24 * HOUR_MS });
    expect(view.state).toBe('awaiting-presence');
    expect(view.people.map((person) => person.adult)).toEqual([true, true, false]);
  });

  it('E2 an adult who does not confirm within 24 hours makes the EOI invalid', async () => {
    const ledger = await fixture.openLedger();
    const family = familyOfThree();
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence([family[0]?.personId as string]);

    const result = await eoi.handle.result();

    expect(result).toMatchObject({ outcome: 'invalid', reason: expect.stringContaining(`E2: ${family[1]?.personId} did not confirm`) });
    expect(await ledger.balance()).toMatchObject({ eoisHeld: 0, placesHeld: 0 });
  });

  it('E2 a confirmation from outside France makes the EOI invalid', async () => {
    const ledger = await fixture.openLedger();
    const eoi = await fixture.submit(ledger, [adultApplicant()]);
    await eoi.confirmPresence(undefined, 'BEL');

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'invalid', reason: expect.stringMatching(/^E2: .*outside France \(BEL\)/) });
  });

  const failures: [string, EoiApplicantFacts[], RegExp][] = [
    ['an EEA national', [adultApplicant({ nationalities: ['SDN', 'ITA'] })], /EEA national/],
    ['a family member of an EEA national', [adultApplicant({ eeaFamilyMember: true })], /family member of an EEA national/],
    ['a document that shows no nationality', [adultApplicant({ document: { kind: 'other', issuingCountry: 'SDN', nationalityShown: null, expiresOn: '2030-01-01' } })], /must show nationality/],
    ['protection status elsewhere', [adultApplicant({ protectionElsewhere: true })], /protection or statelessness status/],
    ['permission to reside in France', [adultApplicant({ frenchResidencePermission: true })], /reside in France/],
    ['a main applicant under 18', [adultApplicant({ dateOfBirth: '2012-01-01' })], /aged 18 or over/],
    ['a minor applying as an adult dependant', [adultApplicant(), adultApplicant({ role: 'adult-dependant', dateOfBirth: '2015-01-01' })], /only as a child in a family/],
  ];
  it.each(failures)('E3 %s makes the EOI ineligible, decided for the whole family', async (_what, applicants, reason) => {
    const ledger = await fixture.openLedger();
    const eoi = await fixture.submit(ledger, applicants);
    await eoi.confirmPresence();

    const result = await eoi.handle.result();

    expect(result).toMatchObject({ outcome: 'ineligible', reason: expect.stringMatching(reason) });
    expect(result.reason).toMatch(/^E3: /);
    expect(await ledger.balance()).toMatchObject({ eoisHeld: 0, placesHeld: 0 });
  });

  it('E3 an expired identity document that shows nationality is accepted', async () => {
    const ledger = await fixture.openLedger();
    const eoi = await fixture.submit(ledger, [adultApplicant({ document: { kind: 'passport', issuingCountry: 'ERI', nationalityShown: 'ERI', expiresOn: '2019-02-02' }, nationalities: ['ERI'] })]);
    await eoi.confirmPresence();

    await expect(eoi.waitForState('held')).resolves.toMatchObject({ state: 'held' });
  });

  it('E6 a valid EOI is held until the ledger has places, then invited', async () => {
    const ledger = await fixture.openLedger();
    const eoi = await fixture.submit(ledger, [adultApplicant()]);
    await eoi.confirmPresence();
    await eoi.waitFor((view) => view.timeline.some((entry) => entry.what === 'places-held'));
    expect(await ledger.balance()).toMatchObject({ eoisHeld: 1, placesHeld: 1 });

    await ledger.confirmReadmissions(1);

    const view = await eoi.waitFor((current) => current.appointmentReference !== undefined);
    expect(view.state).toBe('invited');
    expect(view.placesReleasedAt).toEqual(expect.any(String));
    expect(await ledger.balance()).toMatchObject({ eoisHeld: 0, grantsOutstanding: 1, imbalance: 0 });
  });

  it('E6 a held EOI that is withdrawn stops waiting and no place is lost', async () => {
    const ledger = await fixture.openLedger();
    const eoi = await fixture.submit(ledger, [adultApplicant()]);
    await eoi.confirmPresence();
    await eoi.waitFor((view) => view.timeline.some((entry) => entry.what === 'places-held'));

    await eoi.handle.executeUpdate(withdrawEoiUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, reason: 'applicant withdrew on the portal' }] });

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'withdrawn' });
    await ledger.confirmReadmissions(1);
    expect(await ledger.waitForBalance((balance) => balance.readmissions === 1)).toMatchObject({ eoisHeld: 0, placesHeld: 0, grantsOutstanding: 0, headroom: 1 });
  });

  it('a redelivered submission changes nothing, and a second submission under the same EOI is noted and ignored', async () => {
    const ledger = await fixture.openLedger();
    const eventId = commandId();
    const applicants = [adultApplicant()];
    const eoi = await fixture.submit(ledger, applicants, { eventId });
    const submission = { eoiId: eoi.eoiId, submittedAt: new Date().toISOString(), applicants };

    await eoi.handle.signal(eoiSubmittedSignal, { eventId, ...submission });
    await eoi.handle.signal(eoiSubmittedSignal, { eventId: commandId(), ...submission, applicants: [adultApplicant()] });

    const view = await eoi.waitFor((current) => current.timeline.some((entry) => entry.what === 'submission-ignored'));
    expect(view.timeline.filter((entry) => entry.what === 'submitted')).toHaveLength(1);
    expect(view.timeline.filter((entry) => entry.what === 'submission-ignored')).toHaveLength(1);
    expect(view.people.map((person) => person.personId)).toEqual([applicants[0]?.personId]);
  });
});
