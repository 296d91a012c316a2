import { isoWeekOf } from '@oioo/domain';
import { readmissionConfirmedSignal } from './definitions';
import { commandId, nextId } from './test-support/ledger-driver';
import { useLedgerEnvironment } from './test-support/ledger-environment';

const fixture = useLedgerEnvironment();

describe('a long-lived ledger stays healthy', () => {
  it('a ledger whose history grows long continues as new, keeping its counts, held EOIs, pause, command results and weekly figures', async () => {
    const ledger = await fixture.openLedger({ policy: { tolerance: 1 }, historyEventsLimit: 40 });
    const { runId: firstRunId } = await ledger.handle.describe();
    const family = nextId('eoi');
    const familyRequest = commandId();
    await expect(ledger.requestPlaces(family, 3, { commandId: familyRequest })).resolves.toEqual({ status: 'held', places: 3 });
    const granted = nextId('eoi');
    // Months of handovers confirmed one by one, requests and arrivals, as the pilot would see them.
    for (let round = 0; round < 12; round += 1) {
      await ledger.confirmReadmissions(1);
      await ledger.handle.signal(readmissionConfirmedSignal, { caseId: `case_REPEATED${String(round).padStart(4, '0')}`, confirmedAt: new Date().toISOString() });
    }
    await ledger.requestPlaces(granted, 1);
    await ledger.admit(granted);
    await ledger.requestPlaces(nextId('eoi'), 2);
    await ledger.pause();
    await ledger.requestPlaces(nextId('eoi'), 1);

    // The worker hands over at the end of a workflow task; wait for it rather than racing it.
    let firstRun = await fixture.env.client.workflow.getHandle(ledger.handle.workflowId, firstRunId).describe();
    for (let tries = 0; firstRun.status.name === 'RUNNING' && tries < 100; tries += 1) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
      firstRun = await fixture.env.client.workflow.getHandle(ledger.handle.workflowId, firstRunId).describe();
    }
    await ledger.settled();
    const latestRun = await fixture.env.client.workflow.getHandle(ledger.handle.workflowId).describe();
    const balance = await ledger.balance();

    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    expect(latestRun.runId).not.toBe(firstRunId);
    expect(latestRun.historyLength).toBeLessThan(firstRun.historyLength);
    expect(balance).toMatchObject({
      readmissions: 24,
      admissions: 1,
      grantsOutstanding: 5,
      eoisHeld: 1,
      placesHeld: 1,
      paused: true,
      placesReleased: 6,
    });
    expect(latestRun.searchAttributes['CaseState']).toEqual(['paused']);
    // The new run knows how much state it was handed, for capacity monitoring, and it is far from the alert.
    expect(balance.carriedStateBytes).toBeGreaterThan(1_000);
    expect(latestRun.searchAttributes['CaseAlerts'] ?? []).not.toContain('large-state');
    // The first request's command still answers with its first result, across runs, and counts nothing again.
    await expect(ledger.requestPlaces(family, 3, { commandId: familyRequest })).resolves.toEqual({ status: 'held', places: 3 });
    // A confirmation counted in the first run still counts once after the hand-over.
    await ledger.handle.signal(readmissionConfirmedSignal, { caseId: 'case_REPEATED0000', confirmedAt: new Date().toISOString() });
    await ledger.settled();
    expect(await ledger.weeklyReport(isoWeekOf(await fixture.now()))).toMatchObject({ readmissions: 24, grantsOutstanding: 5, week: { placesReleased: 6 } });
    await ledger.handle.terminate('test finished');
  });
});
