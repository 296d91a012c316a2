import { isoWeekOf, isoWeekStart, nextIsoWeekStart } from '@oioo/domain';
import { replayOnLaggingClocks } from '@oioo/testing';
import { nextId } from './test-support/ledger-driver';
import { useLedgerEnvironment } from './test-support/ledger-environment';

const fixture = useLedgerEnvironment();

/** The news timer (NewsWatch) runs 1 ms; a wake timer runs until a week's start. */
function isNewsTick(duration: { seconds?: unknown; nanos?: number | null } | null | undefined): boolean {
  return Number(duration?.seconds ?? 0) === 0 && (duration?.nanos ?? 0) <= 1_000_000;
}

describe('equivalence ledger workflow: weeks read the ledger’s own timers, not the worker’s clock', () => {
  it('Q2 Q3 a new week’s release and the last week’s report replay the same when each task ran on the clock of the task before (a restarted worker)', async () => {
    const ledger = await fixture.openLedger({ policy: { weeklyCap: 2 } });
    await ledger.confirmReadmissions(5);
    const [first, held] = [nextId('eoi'), nextId('eoi')];
    await ledger.requestPlaces(first, 2);
    await expect(ledger.requestPlaces(held, 1)).resolves.toEqual({ status: 'held', places: 1 });
    const thisWeek = isoWeekOf(await fixture.now());
    const eoi = await ledger.startEoi(held);

    // The ledger's timer fires at Monday 00:00: the new week's cap releases the held place and last week is reported.
    const notice = await eoi.result();
    expect(notice).toMatchObject({ eoiId: held, places: 1, isoWeek: isoWeekOf(nextIsoWeekStart(isoWeekStart(thisWeek))) });
    // The report goes out through an activity after the release: wait for it rather than race it.
    for (let waited = 0; !fixture.reports.some((report) => report.isoWeek === thisWeek) && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fixture.reports.map((report) => report.isoWeek)).toContain(thisWeek);
    await ledger.settled();

    await expect(replayOnLaggingClocks(fixture.env.client, ledger.handle.workflowId, require.resolve('./test-support/ledger-test-workflows'))).resolves.toBeUndefined();
  });

  it('Q1 a readmission confirmed after the week turned counts in the new week, and the ledger replays the same on lagging clocks', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(1);
    const lastWeek = isoWeekOf(await fixture.now());
    await fixture.env.sleep(nextIsoWeekStart(await fixture.now()).getTime() - (await fixture.now()).getTime() + 60 * 60 * 1000);
    await ledger.confirmReadmissions(2);
    const thisWeek = isoWeekOf(await fixture.now());
    await ledger.settled();

    expect(await ledger.weeklyReport(lastWeek)).toMatchObject({ week: { readmissions: 1 } });
    expect(await ledger.weeklyReport(thisWeek)).toMatchObject({ week: { readmissions: 2 } });
    await expect(replayOnLaggingClocks(fixture.env.client, ledger.handle.workflowId, require.resolve('./test-support/ledger-test-workflows'))).resolves.toBeUndefined();
  });

  it('Q1 Q2 signals and Updates wake the ledger without touching its timer: one timer per wake (news wakes it through its own 1 ms timer), so no replay depends on how an activation was ordered', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(4);
    await ledger.requestPlaces(nextId('eoi'), 1);
    await ledger.requestPlaces(nextId('eoi'), 1);
    await ledger.settled();

    const events = (await ledger.handle.fetchHistory()).events ?? [];
    const started = events.filter((event) => event.timerStartedEventAttributes);
    const newsTicks = started.filter((event) => isNewsTick(event.timerStartedEventAttributes?.startToFireTimeout));
    expect(started.length - newsTicks.length).toBe(1);
    expect(newsTicks.length).toBeGreaterThan(0);
    expect(events.filter((event) => event.timerCanceledEventAttributes)).toHaveLength(0);
    await expect(ledger.balance()).resolves.toMatchObject({ readmissions: 4, grantsOutstanding: 2 });
    await expect(replayOnLaggingClocks(fixture.env.client, ledger.handle.workflowId, require.resolve('./test-support/ledger-test-workflows'))).resolves.toBeUndefined();
    await ledger.finish();
  });
});

