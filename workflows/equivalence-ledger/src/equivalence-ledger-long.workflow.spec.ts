import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { isoWeekOf } from '@oioo/domain';
import { type EquivalenceLedgerInput, readmissionConfirmedSignal } from './definitions';
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
    await ledger.finish();
  });

  it('Q1 E8 closed EOIs leave the state continue-as-new carries: reduced, their command records dropped, and a redelivered arrival still counts once', async () => {
    const ledger = await fixture.openLedger({ historyEventsLimit: 60 });
    const { runId: firstRunId } = await ledger.handle.describe();
    await ledger.confirmReadmissions(12);
    const admitted: { eoiId: string; personId: string }[] = [];
    for (let n = 0; n < 12; n += 1) {
      const eoiId = nextId('eoi');
      const personId = nextId('per');
      await ledger.requestPlaces(eoiId, 1);
      await ledger.admit(eoiId, personId);
      admitted.push({ eoiId, personId });
    }
    await ledger.waitForBalance((balance) => balance.admissions === 12);
    await ledger.settled();

    const latest = await ledger.handle.describe();
    expect(latest.runId).not.toBe(firstRunId);
    const started = (await ledger.handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
    const [input] = (await decodeArrayFromPayloads(fixture.env.client.options.loadedDataConverter, started?.input?.payloads)) as [EquivalenceLedgerInput];
    const carried = input.carried?.ledger;
    // The run continued as new after some of the EOIs closed: each of those is carried reduced.
    const closedCarried = Object.keys(carried?.closedEois ?? {});
    expect(closedCarried.length).toBeGreaterThan(0);
    expect(admitted.map((entry) => entry.eoiId)).toEqual(expect.arrayContaining(closedCarried));
    // Where the history crossed its limit depends on how the server grouped the commands into tasks, so the
    // hand-over may fall between one EOI's request and its arrival: that EOI alone is carried open, with its commands.
    const carriedOpen = Object.keys(carried?.eois ?? {});
    expect(carriedOpen.length).toBeLessThanOrEqual(1);
    expect(carriedOpen.filter((eoiId) => closedCarried.includes(eoiId))).toEqual([]);
    expect(Object.values(carried?.commands ?? {}).filter((record) => record.eoiId !== undefined && !carriedOpen.includes(record.eoiId))).toEqual([]);

    // The arrival reported again under a new event id: accepted, not counted again.
    const [first] = admitted;
    await expect(ledger.admit(first?.eoiId as string, first?.personId)).resolves.toEqual({ eoiId: first?.eoiId, admitted: 1, outstanding: 0 });
    await expect(ledger.balance()).resolves.toMatchObject({ readmissions: 12, admissions: 12, grantsOutstanding: 0 });
    await ledger.finish();
  });
});
