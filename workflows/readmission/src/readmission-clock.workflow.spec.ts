import { replayOnLaggingClocks } from '@oioo/testing';
import { commandId } from './test-support/case-driver';
import { useReadmissionEnvironment } from './test-support/case-environment';
import { confirmHandoverUpdate, recordBoardingUpdate } from './definitions';

const fixture = useReadmissionEnvironment();
const DAY_MS = 24 * 60 * 60 * 1000;

describe('readmission case: deadlines read the case’s own timers, not the worker’s clock', () => {
  it('R3 a case closed out of time replays the same when each task ran on the clock of the task before (a restarted worker)', async () => {
    const driver = await fixture.openCase();
    await driver.screenAsAdult();

    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'out-of-time' });

    await expect(replayOnLaggingClocks(fixture.env.client, driver.handle.workflowId, require.resolve('./readmission-case.workflow'))).resolves.toBeUndefined();
  });

  it('R4 R5 a case escalated for France\'s silence, then checked before its movement and transferred, replays the same on lagging clocks', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    await fixture.env.sleep(14 * DAY_MS + 60_000);
    await driver.franceReplies('accepted');
    await driver.serveRemovalDirections();
    const booked = await driver.waitUntilClearedForTransfer(fixture.env);
    const movementId = booked.movement?.movementId as string;
    await driver.handle.executeUpdate(recordBoardingUpdate, { args: [{ commandId: commandId(), movementId, outcome: 'boarded' }] });
    const confirmedAt = new Date(await fixture.env.currentTimeMs()).toISOString();
    await driver.handle.executeUpdate(confirmHandoverUpdate, { args: [{ commandId: commandId(), movementId, handoverReference: 'fr-ho-1', confirmedAt }] });

    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
    expect((await driver.view()).timeline.map((entry) => entry.what)).toEqual(expect.arrayContaining(['escalated-to-liaison-desk', 'state:cleared-for-transfer']));

    await expect(replayOnLaggingClocks(fixture.env.client, driver.handle.workflowId, require.resolve('./readmission-case.workflow'))).resolves.toBeUndefined();
  });
});
