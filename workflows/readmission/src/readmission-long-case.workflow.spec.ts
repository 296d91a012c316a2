import { CaseDriver, PROPOSER, arrivalOf, commandId, nextCaseId } from './test-support/case-driver';
import { useReadmissionEnvironment } from './test-support/case-environment';
import { legalHoldPlacedSignal, legalHoldReleasedSignal, recordScreeningUpdate } from './definitions';

const fixture = useReadmissionEnvironment();

describe('long cases stay healthy', () => {
  it('a case whose history grows long continues as new, keeping its state, timeline, holds and command results', async () => {
    const caseId = nextCaseId();
    const driver = await CaseDriver.open(fixture.env.client, arrivalOf(caseId, new Date(await fixture.env.currentTimeMs())), { historyEventsLimit: 40 });
    const { runId: firstRunId } = await driver.handle.describe();
    const screening = { commandId: commandId(), actor: PROPOSER, age: 'adult' as const, vulnerabilities: [] };
    await driver.handle.executeUpdate(recordScreeningUpdate, { args: [screening] });
    // Holds placed and released many times, as months of litigation would.
    for (let round = 0; round < 15; round += 1) {
      await driver.handle.signal(legalHoldPlacedSignal, { reference: `chl-${round}`, kind: 'injunction', lodgedAt: new Date().toISOString() });
      await driver.handle.signal(legalHoldReleasedSignal, { reference: `chl-${round}`, outcome: 'dismissed' });
    }
    await driver.handle.signal(legalHoldPlacedSignal, { reference: 'chl-open', kind: 'human-rights-claim', lodgedAt: new Date().toISOString() });

    // The worker hands over at the end of a workflow task; wait for it rather than racing it.
    let firstRun = await fixture.env.client.workflow.getHandle(driver.handle.workflowId, firstRunId).describe();
    for (let tries = 0; firstRun.status.name === 'RUNNING' && tries < 100; tries += 1) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
      firstRun = await fixture.env.client.workflow.getHandle(driver.handle.workflowId, firstRunId).describe();
    }
    const latestRun = await fixture.env.client.workflow.getHandle(driver.handle.workflowId).describe();
    const view = await driver.view();

    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    expect(latestRun.runId).not.toBe(firstRunId);
    expect(latestRun.historyLength).toBeLessThan(firstRun.historyLength);
    expect(view.state).toBe('awaiting-selection');
    expect(view.holds.map((hold) => hold.reference)).toEqual(['chl-open']);
    expect(view.timeline.filter((entry) => entry.what === 'hold-released')).toHaveLength(15);
    // The first screening command still answers with its first result, across runs.
    await expect(driver.handle.executeUpdate(recordScreeningUpdate, { args: [screening] })).resolves.toEqual({ state: 'awaiting-selection' });
    await driver.finish();
  });
});
