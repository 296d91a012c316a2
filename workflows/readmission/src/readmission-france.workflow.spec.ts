import { APPROVER, PROPOSER, commandId } from './test-support/case-driver';
import { useReadmissionEnvironment } from './test-support/case-environment';
import { rejectionType } from './test-support/rejections';
import { recordFranceReplyUpdate, submitCorrectedRequestUpdate } from './definitions';

const DAY_MS = 24 * 60 * 60 * 1000;
const fixture = useReadmissionEnvironment();

describe('R4 France replies within 14 days, or 28 when extended', () => {
  it('R4 silence is never acceptance: at day 14 the case is escalated to the liaison desk and keeps waiting', async () => {
    const driver = await fixture.openCase();
    const waiting = await driver.driveToAwaitingReply();
    expect(waiting.nextDeadline?.rule).toBe('R4');

    await fixture.env.sleep(14 * DAY_MS + 60_000);

    const view = await driver.view();
    expect(view.state).toBe('awaiting-reply');
    expect(view.escalated).toBe(true);
    expect(view.timeline.map((entry) => entry.what)).toContain('escalated-to-liaison-desk');
    expect((await driver.handle.describe()).searchAttributes['CaseAlerts']).toEqual(['escalated']);
    // A late reply is still taken.
    await driver.franceReplies('accepted');
    expect((await driver.view()).state).toBe('removal-directions');
    await driver.finish();
  });

  it('R4 an extension moves the reply deadline to day 28: no escalation at day 14, escalation after day 28', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    await driver.franceReplies('extended');

    await fixture.env.sleep(20 * DAY_MS);
    expect((await driver.view()).escalated).toBe(false);
    await fixture.env.sleep(9 * DAY_MS);
    expect((await driver.view()).escalated).toBe(true);
    await driver.finish();
  });

  it('R4 France can extend only once', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    await driver.franceReplies('extended');
    expect(await rejectionType(driver.franceReplies('extended'))).toBe('INVALID_STATE');
    await driver.finish();
  });
});

describe('R10 refusal', () => {
  it('R10 a refusal while R3 still runs allows a corrected request, which is sent as request 2', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    await driver.franceReplies('refused', 'insufficient-evidence');
    expect((await driver.view()).state).toBe('refused-correctable');

    await driver.handle.executeUpdate(submitCorrectedRequestUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, corrections: 'added rescue record' }] });

    await driver.waitForState('awaiting-reply');
    expect(fixture.services.callsFor(driver.caseId).requests.map((request) => request.requestNumber)).toEqual([1, 2]);
    await driver.finish();
  });

  it('R10 a refusal after R3 has run out ends the readmission', async () => {
    const driver = await fixture.openCase(10 * DAY_MS);
    await driver.driveToAwaitingReply();
    await fixture.env.sleep(5 * DAY_MS);
    await driver.franceReplies('refused', 'insufficient-evidence');
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'refused-by-france', reason: expect.stringContaining('R10') });
  });

  it('R10 a correctable refusal left uncorrected ends the readmission when R3 runs out', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    await driver.franceReplies('refused', 'insufficient-evidence');
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'refused-by-france' });
  });

  it('R10 a corrected request is still allowed in the last minute of R3', async () => {
    const driver = await fixture.openCase(13 * DAY_MS);
    await driver.driveToAwaitingReply();
    await driver.franceReplies('refused', 'insufficient-evidence');
    await fixture.env.sleep(DAY_MS - 60_000);
    await driver.handle.executeUpdate(submitCorrectedRequestUpdate, { args: [{ commandId: commandId(), actor: APPROVER, corrections: 'crossing evidence added' }] });
    await driver.waitForState('awaiting-reply');
    expect(fixture.services.callsFor(driver.caseId).requests).toHaveLength(2);
    await driver.finish();
  });
});

describe('out-of-order French replies', () => {
  it('a reply before any request is refused with a reason and the case is unharmed', async () => {
    const driver = await fixture.openCase();
    const before = await driver.view();
    const type = await rejectionType(
      driver.handle.executeUpdate(recordFranceReplyUpdate, { args: [{ commandId: commandId(), requestReference: 'req-unknown', kind: 'accepted' }] }),
    );
    expect(type).toBe('INVALID_STATE');
    expect(await driver.view()).toEqual(before);
    await driver.finish();
  });

  it('a reply to a request other than the one awaiting a reply is refused', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    const type = await rejectionType(
      driver.handle.executeUpdate(recordFranceReplyUpdate, { args: [{ commandId: commandId(), requestReference: 'req-someone-else', kind: 'accepted' }] }),
    );
    expect(type).toBe('INVALID_STATE');
    expect((await driver.view()).state).toBe('awaiting-reply');
    await driver.finish();
  });
});
