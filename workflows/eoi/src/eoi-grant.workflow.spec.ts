import { WorkflowUpdateFailedError } from '@temporalio/client';
import { proposeDecisionUpdate, reviewDecisionUpdate, revokeGrantUpdate, securityCheckCompletedSignal } from './definitions';
import { EoiErrorCode } from './eoi-errors';
import { APPROVER, PROPOSER, adultApplicant, commandId, familyOfThree, useEoiEnvironment } from './test-support';

const fixture = useEoiEnvironment();

const DAY_MS = 24 * 60 * 60 * 1000;

/** Polls until the condition holds (the fake services are called from the worker, outside the test's awaits). */
async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The error code of an update the workflow refused; fails the test if it was accepted. */
async function rejectionType(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((error as WorkflowUpdateFailedError).cause as { type?: string } | undefined)?.type;
}

describe('EOI case: checks, grant and arrival', () => {
  it('E5 E6 E8 Q1 a family of three is released only after three readmissions, decided together and counted per person', async () => {
    const ledger = await fixture.openLedger();
    const family = familyOfThree();
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence();
    await ledger.confirmReadmissions(2);
    await eoi.waitFor((view) => view.timeline.some((entry) => entry.what === 'places-held'));
    expect(await ledger.balance()).toMatchObject({ readmissions: 2, eoisHeld: 1, placesHeld: 3, grantsOutstanding: 0 });

    await ledger.confirmReadmissions(1);
    await eoi.waitForState('invited');
    expect(await ledger.balance()).toMatchObject({ readmissions: 3, grantsOutstanding: 3, imbalance: 0 });
    const granted = await eoi.driveToGrant();
    expect(granted.grant).toMatchObject({ travelReference: expect.stringMatching(/^trv_/), validUntil: expect.any(String) });

    for (const person of family) await eoi.arrive(person.personId);
    const result = await eoi.handle.result();

    expect(result).toEqual({ eoiId: eoi.eoiId, outcome: 'admitted', reason: expect.stringMatching(/^E8: all 3 arrived/), admitted: 3 });
    expect(await ledger.balance()).toMatchObject({ readmissions: 3, admissions: 3, grantsOutstanding: 0, imbalance: 0 });
    expect(fixture.services.admissions.filter((call) => call.eoiId === eoi.eoiId)).toHaveLength(3);
  });

  it('E4 a person whose biometrics match a return under the scheme is refused, with the family, and the places return (Q6)', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(2);
    const family = [adultApplicant(), adultApplicant({ role: 'partner' })];
    fixture.services.registerMatches.set(`enr-${family[1]?.personId}`, { returned: true, irregularEntry: true });
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence();
    await eoi.captureBiometrics();

    const result = await eoi.handle.result();

    expect(result).toMatchObject({ outcome: 'refused', reason: `E4: the biometrics of ${family[1]?.personId} match a return under the scheme (R11)` });
    expect(await ledger.waitForBalance((balance) => balance.grantsOutstanding === 0)).toMatchObject({ placesReturned: 2, admissions: 0, headroom: 2 });
    expect(fixture.services.securityRequests.filter((call) => call.eoiId === eoi.eoiId)).toEqual([]);
  });

  it('E4 a recorded irregular entry to the UK refuses the EOI too', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(1);
    const applicant = adultApplicant();
    fixture.services.registerMatches.set(`enr-${applicant.personId}`, { returned: false, irregularEntry: true });
    const eoi = await fixture.submit(ledger, [applicant]);
    await eoi.confirmPresence();
    await eoi.captureBiometrics();

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'refused', reason: expect.stringContaining('a recorded irregular entry to the UK') });
  });

  it('E3 E7 a suitability refusal at the checks refuses the family and returns its places', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(3);
    const family = familyOfThree();
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence();
    await eoi.captureBiometrics();
    await eoi.completeChecks({ personId: family[1]?.personId as string, ground: 'suitability' });

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/^E3: .* suitability/) });
    expect(await ledger.waitForBalance((balance) => balance.grantsOutstanding === 0)).toMatchObject({ placesReturned: 3 });
  });

  it('E7 a security result that reaches the case before the answer to its request is kept and applied once the request is recorded', async () => {
    const applicant = adultApplicant();
    const release = fixture.services.holdSecurityAnswers();
    const { eoi } = await fixture.submitInvited(applicant);
    await eoi.captureBiometrics();
    await waitUntil(() => fixture.services.securityRequests.some((call) => call.eoiId === eoi.eoiId));

    // The security services answer the request's event while the case still waits for its own call's answer.
    await eoi.handle.signal(securityCheckCompletedSignal, {
      eventId: commandId(),
      personId: applicant.personId,
      checkReference: `sec_${eoi.eoiId.slice(4)}`,
      outcome: 'clear',
      completedAt: new Date().toISOString(),
    });
    const early = await eoi.waitFor((view) => view.timeline.some((entry) => entry.what === 'security-check-kept'));
    expect(early.state).toBe('invited');
    release();

    const view = await eoi.waitForState('decision');
    expect(view.people[0]).toMatchObject({ personId: applicant.personId, securityCheck: 'clear' });
    expect(view.timeline.filter((entry) => entry.what === 'security-checked')).toHaveLength(1);
  });

  it('E7 a request for checks unanswered for 30 days is escalated for a caseworker to chase, and the results still count when they come', async () => {
    const { eoi } = await fixture.submitInvited();
    await eoi.captureBiometrics();
    const waiting = await eoi.waitForState('security-checks');
    expect(waiting).toMatchObject({ escalated: false, nextDeadline: { rule: 'E7' } });
    const requestedAt = Date.parse(waiting.timeline.find((entry) => entry.what === 'moved to security-checks')?.at as string);
    expect(Date.parse(waiting.nextDeadline?.at as string) - requestedAt).toBeGreaterThanOrEqual(30 * DAY_MS - 60_000);

    await fixture.env.sleep(31 * DAY_MS);

    const escalated = await eoi.waitFor((view) => view.escalated);
    expect(escalated.state).toBe('security-checks');
    expect(escalated.nextDeadline).toBeUndefined();
    expect(escalated.timeline.find((entry) => entry.what === 'escalated-checks-overdue')?.why).toMatch(/^E7 \(policy\): the security services have not answered .* within 30 days/);
    await eoi.completeChecks();
    await expect(eoi.waitForState('decision')).resolves.toMatchObject({ escalated: false });
  });

  it('S1 a grant approved by its proposer is refused; a different person approves it', async () => {
    const { eoi } = await fixture.submitInvited();
    await eoi.captureBiometrics();
    await eoi.completeChecks();
    await eoi.waitForState('decision');
    await eoi.handle.executeUpdate(proposeDecisionUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, decision: 'grant', reasons: 'checks clear', evidence: ['sec-report'] }] });

    expect(await rejectionType(eoi.handle.executeUpdate(reviewDecisionUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, approve: true, reason: 'self' }] }))).toBe(
      EoiErrorCode.SamePersonApproval,
    );
    await eoi.handle.executeUpdate(reviewDecisionUpdate, { args: [{ commandId: commandId(), actor: APPROVER, approve: true, reason: 'agree' }] });

    const view = await eoi.waitForState('granted');
    expect(view.timeline.find((entry) => entry.what === 'grant-approved')).toMatchObject({ by: APPROVER, why: expect.stringContaining(`proposed by ${PROPOSER}`), evidence: ['sec-report'] });
  });

  it('E7 Q6 a grant unused after 3 months lapses and its places go to the next held EOI', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(1);
    const first = await fixture.submit(ledger, [adultApplicant()]);
    await first.confirmPresence();
    const granted = await first.driveToGrant();
    const second = await fixture.submit(ledger, [adultApplicant()]);
    await second.confirmPresence();
    await second.waitFor((view) => view.timeline.some((entry) => entry.what === 'places-held'));

    const result = await first.handle.result();

    expect(result).toMatchObject({ outcome: 'lapsed', reason: expect.stringMatching(/^E7, Q6: the grant expired on .* with 1 of 1 unused/), admitted: 0 });
    const validFor = new Date(granted.grant?.validUntil as string).getTime() - new Date(granted.grant?.grantedAt as string).getTime();
    expect(validFor / (24 * 60 * 60 * 1000)).toBeGreaterThanOrEqual(89);
    await second.waitForState('invited');
    expect(await ledger.balance()).toMatchObject({ readmissions: 1, grantsOutstanding: 1, placesReturned: 1, imbalance: 0 });
  });

  it('Q6 a revoked grant returns the places of the people who have not arrived; those who arrived stay counted', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(2);
    const family = [adultApplicant(), adultApplicant({ role: 'partner' })];
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence();
    await eoi.driveToGrant();
    await eoi.arrive(family[0]?.personId as string);
    await eoi.waitFor((view) => view.timeline.some((entry) => entry.what === 'admission-counted'));

    await eoi.handle.executeUpdate(revokeGrantUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, reason: 'deception found after the grant' }] });

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'revoked', admitted: 1 });
    expect(await ledger.waitForBalance((balance) => balance.grantsOutstanding === 0)).toMatchObject({ admissions: 1, placesReturned: 1, imbalance: -1 });
  });

  it('E8 an arrival under an EOI with no grant, or of a person not in it, is refused; a redelivered arrival counts once', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(2);
    const family = [adultApplicant(), adultApplicant({ role: 'partner' })];
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence();
    await eoi.waitForState('invited');

    expect(await rejectionType(eoi.arrive(family[0]?.personId as string))).toBe(EoiErrorCode.NoGrant);
    await eoi.driveToGrant();
    expect(await rejectionType(eoi.arrive(adultApplicant().personId))).toBe(EoiErrorCode.UnknownPerson);
    const arrival = commandId();
    await eoi.arrive(family[0]?.personId as string, arrival);
    await eoi.arrive(family[0]?.personId as string, arrival);
    expect(await rejectionType(eoi.arrive(family[0]?.personId as string))).toBe(EoiErrorCode.InvalidState);

    const view = await eoi.waitFor((current) => current.timeline.some((entry) => entry.what === 'admission-counted'));
    expect(view.timeline.filter((entry) => entry.what === 'arrived')).toHaveLength(1);
    expect(await ledger.balance()).toMatchObject({ admissions: 1, grantsOutstanding: 1 });
  });
});
