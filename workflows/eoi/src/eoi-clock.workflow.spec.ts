import { replayOnLaggingClocks } from '@oioo/testing';
import { EOI_TEST_WORKFLOWS, familyOfThree, useEoiEnvironment } from './test-support';

const fixture = useEoiEnvironment();

describe('EOI case: deadlines read the case’s own timers, not the worker’s clock', () => {
  it('E2 an EOI made invalid by a missing confirmation replays the same when each task ran on the clock of the task before (a restarted worker)', async () => {
    const ledger = await fixture.openLedger();
    const family = familyOfThree();
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence([family[0]?.personId as string]);

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'invalid' });

    await expect(replayOnLaggingClocks(fixture.env.client, eoi.handle.workflowId, EOI_TEST_WORKFLOWS)).resolves.toBeUndefined();
  });

  it('E7 Q6 a grant that lapses unused replays the same on lagging clocks', async () => {
    const { eoi } = await fixture.submitInvited();
    await eoi.driveToGrant();

    await expect(eoi.handle.result()).resolves.toMatchObject({ outcome: 'lapsed' });

    await expect(replayOnLaggingClocks(fixture.env.client, eoi.handle.workflowId, EOI_TEST_WORKFLOWS)).resolves.toBeUndefined();
  });
});
