import { TaskQueues, eoiWorkflowId } from '@oioo/contracts';
import { eoiSubmittedSignal } from './definitions';
import { eoiCaseWorkflow } from './eoi-case.workflow';
import { EoiDriver, adultApplicant, commandId, familyOfThree, nextId, useEoiEnvironment } from './test-support';

const fixture = useEoiEnvironment();

describe('EOI case: long waits', () => {
  it('E7 Q6 an invited family that gives no biometrics within 28 days of the appointment is withdrawn, and its places return', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(3);
    const family = familyOfThree();
    const eoi = await fixture.submit(ledger, family);
    await eoi.confirmPresence();
    await eoi.captureBiometrics([family[0]?.personId as string]);

    const result = await eoi.handle.result();

    expect(result).toMatchObject({ outcome: 'withdrawn', reason: expect.stringMatching(new RegExp(`^E7: ${family[1]?.personId}, ${family[2]?.personId} gave no biometrics`)) });
    expect(await ledger.waitForBalance((balance) => balance.grantsOutstanding === 0)).toMatchObject({ placesReturned: 3, headroom: 3 });
  });

  it('a case whose history grows long continues as new, keeping its people, places and grant, and still ends admitted', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(3);
    const family = familyOfThree();
    const eoiId = nextId('eoi');
    const handle = await fixture.env.client.workflow.signalWithStart(eoiCaseWorkflow, {
      taskQueue: TaskQueues.legalRoute,
      workflowId: eoiWorkflowId(eoiId),
      args: [{ eoiId, pilotId: ledger.pilotId, historyEventsLimit: 30 }],
      signal: eoiSubmittedSignal,
      signalArgs: [{ eventId: commandId(), eoiId, submittedAt: new Date(await fixture.env.currentTimeMs()).toISOString(), applicants: family }],
    });
    // Unbound to a run, so queries and updates follow the case into each new run.
    const eoi = new EoiDriver(fixture.env.client, fixture.env.client.workflow.getHandle(eoiWorkflowId(eoiId)), eoiId, family);
    await eoi.confirmPresence();
    await eoi.driveToGrant();
    for (const person of family) await eoi.arrive(person.personId);

    const result = await fixture.env.client.workflow.getHandle(eoiWorkflowId(eoiId)).result();

    expect(result).toMatchObject({ outcome: 'admitted', admitted: 3 });
    const firstRun = await fixture.env.client.workflow.getHandle(eoiWorkflowId(eoiId), handle.signaledRunId).describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    expect(await ledger.balance()).toMatchObject({ admissions: 3, grantsOutstanding: 0, imbalance: 0 });
  });

  it('E6 priority: an EOI with a UK link goes before an earlier one without', async () => {
    const ledger = await fixture.openLedger();
    const first = await fixture.submit(ledger, [adultApplicant()]);
    await first.confirmPresence();
    await first.waitFor((view) => view.timeline.some((entry) => entry.what === 'places-held'));
    const linked = await fixture.submit(ledger, [adultApplicant({ ukLinkWithin5Years: true })]);
    await linked.confirmPresence();
    await linked.waitFor((view) => view.timeline.some((entry) => entry.what === 'places-held'));

    await ledger.confirmReadmissions(1);

    await linked.waitForState('invited');
    expect((await first.view()).state).toBe('held');
  });
});
