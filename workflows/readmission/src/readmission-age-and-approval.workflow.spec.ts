import { APPROVER, PROPOSER, commandId } from './test-support/case-driver';
import { useReadmissionEnvironment } from './test-support/case-environment';
import { rejectionType } from './test-support/rejections';
import {
  proposeInadmissibilityUpdate,
  proposeRemovalDirectionsUpdate,
  recordAgeAssessmentUpdate,
  recordScreeningUpdate,
  reviewInadmissibilityUpdate,
  reviewRemovalDirectionsUpdate,
} from './definitions';

const fixture = useReadmissionEnvironment();

describe('R2 age', () => {
  it('R2 an unaccompanied minor is excluded', async () => {
    const driver = await fixture.openCase();
    await driver.handle.executeUpdate(recordScreeningUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, age: 'unaccompanied-minor', vulnerabilities: [] }] });
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'excluded', reason: expect.stringContaining('R2') });
  });

  it('R2 a minor accompanied by family goes on', async () => {
    const driver = await fixture.openCase();
    const result = await driver.handle.executeUpdate(recordScreeningUpdate, {
      args: [{ commandId: commandId(), actor: PROPOSER, age: 'accompanied-minor', vulnerabilities: ['family-group'] }],
    });
    expect(result).toEqual({ state: 'awaiting-selection' });
    await driver.finish();
  });

  it('R2 a disputed age waits for an age assessment; a child outcome excludes', async () => {
    const driver = await fixture.openCase();
    const disputed = await driver.handle.executeUpdate(recordScreeningUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, age: 'disputed', vulnerabilities: [] }] });
    expect(disputed).toEqual({ state: 'age-assessment' });
    // No step past screening is possible before the assessment.
    expect(await rejectionType(driver.selectAndDetain())).toBe('INVALID_STATE');

    await driver.handle.executeUpdate(recordAgeAssessmentUpdate, { args: [{ commandId: commandId(), actor: APPROVER, outcome: 'unaccompanied-minor', assessmentReference: 'merton-77' }] });
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'excluded' });
  });

  it('R2 a disputed age assessed as adult goes on to selection', async () => {
    const driver = await fixture.openCase();
    await driver.handle.executeUpdate(recordScreeningUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, age: 'disputed', vulnerabilities: [] }] });
    const assessed = await driver.handle.executeUpdate(recordAgeAssessmentUpdate, {
      args: [{ commandId: commandId(), actor: APPROVER, outcome: 'adult', assessmentReference: 'merton-78' }],
    });
    expect(assessed).toEqual({ state: 'awaiting-selection' });
    await driver.finish();
  });
});

describe('S1 four eyes', () => {
  it('S1 the inadmissibility decision approved by its proposer is refused, and a different person can approve it', async () => {
    const driver = await fixture.openCase();
    await driver.screenAsAdult();
    await driver.selectAndDetain();
    await driver.proposeInadmissible(PROPOSER);

    expect(await rejectionType(driver.approveInadmissibility(PROPOSER))).toBe('SAME_PERSON_APPROVAL');
    expect((await driver.view()).state).toBe('inadmissibility-approval');

    await driver.approveInadmissibility(APPROVER);
    const view = await driver.waitForState('awaiting-reply');
    // S2: the decision is recorded with who, when, why and the evidence.
    const decision = view.timeline.find((entry) => entry.what === 'decision:inadmissibility');
    expect(decision).toMatchObject({ by: APPROVER, why: expect.stringContaining(PROPOSER), evidence: ['doc:ev-1'] });
    await driver.finish();
  });

  it('S1 removal directions approved by their proposer are refused', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    await driver.franceReplies('accepted');
    await driver.handle.executeUpdate(proposeRemovalDirectionsUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, reasons: 'France accepted' }] });
    const type = await rejectionType(
      driver.handle.executeUpdate(reviewRemovalDirectionsUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, approve: true, reason: 'self' }] }),
    );
    expect(type).toBe('SAME_PERSON_APPROVAL');
    await driver.finish();
  });

  it('S1 a proposal sent back by the second person returns the case to review', async () => {
    const driver = await fixture.openCase();
    await driver.screenAsAdult();
    await driver.selectAndDetain();
    await driver.proposeInadmissible(PROPOSER);
    const result = await driver.handle.executeUpdate(
      reviewInadmissibilityUpdate,
      { args: [{ commandId: commandId(), actor: APPROVER, approve: false, reason: 'evidence incomplete' }] },
    );
    expect(result).toEqual({ state: 'inadmissibility-review' });
    await driver.finish();
  });

  it('an admissible claim, once approved, goes to the domestic process', async () => {
    const driver = await fixture.openCase();
    await driver.screenAsAdult();
    await driver.selectAndDetain();
    await driver.handle.executeUpdate(proposeInadmissibilityUpdate, {
      args: [{ commandId: commandId(), actor: PROPOSER, decision: 'admissible', reasons: 'family in the UK', evidence: [] }],
    });
    await driver.approveInadmissibility(APPROVER);
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'claim-admitted' });
  });
});
