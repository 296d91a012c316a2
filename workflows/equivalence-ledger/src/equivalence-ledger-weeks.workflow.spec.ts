import { isoWeekOf, isoWeekStart, nextIsoWeekStart } from '@oioo/domain';
import { nextId } from './test-support/ledger-driver';
import { useLedgerEnvironment } from './test-support/ledger-environment';

const HOUR_MS = 60 * 60 * 1000;
const fixture = useLedgerEnvironment();

/** Skips the server's clock to `hours` past the start of the next ISO week, and returns that instant. */
async function skipToNextWeek(hours: number): Promise<Date> {
  const now = await fixture.now();
  const target = nextIsoWeekStart(now).getTime() + hours * HOUR_MS;
  await fixture.env.sleep(target - now.getTime());
  return fixture.now();
}

describe('equivalence ledger workflow: ISO weeks (Q2, Q3)', () => {
  it('Q2 at the ISO week boundary the new week’s cap releases what the last week’s cap held back (durable timer)', async () => {
    const ledger = await fixture.openLedger({ policy: { weeklyCap: 2 } });
    await ledger.confirmReadmissions(5);
    const [first, second, third] = [nextId('eoi'), nextId('eoi'), nextId('eoi')];
    await expect(ledger.requestPlaces(first, 1)).resolves.toEqual({ status: 'released', places: 1 });
    await expect(ledger.requestPlaces(second, 2)).resolves.toEqual({ status: 'held', places: 2 });
    await expect(ledger.requestPlaces(third, 1)).resolves.toEqual({ status: 'held', places: 1 });
    const now = await fixture.now();
    const [thisWeek, nextWeek] = [isoWeekOf(now), isoWeekOf(nextIsoWeekStart(now))];
    const eoi = await ledger.startEoi(second);

    // Waiting on the EOI's result lets the test server skip to the ledger's timer at the next Monday 00:00.
    const notice = await eoi.result();

    expect(notice).toMatchObject({ eoiId: second, places: 2, isoWeek: nextWeek });
    // Released as the timer fires at Monday 00:00 (the test server lands a few milliseconds after it).
    expect(new Date(notice.releasedAt).getTime() - isoWeekStart(nextWeek).getTime()).toBeGreaterThanOrEqual(0);
    expect(new Date(notice.releasedAt).getTime() - isoWeekStart(nextWeek).getTime()).toBeLessThan(60_000);
    expect(await ledger.weeklyReport(thisWeek)).toMatchObject({ cap: 2, week: { placesReleased: 1 }, eoisHeld: 2 });
    // E6: the family at the head goes first and fills the new week's cap; the single applicant behind it waits.
    expect(await ledger.weeklyReport(notice.isoWeek)).toMatchObject({ week: { placesReleased: 2 }, eoisHeld: 1, grantsOutstanding: 3 });
  });

  it('Q3 the weekly report for a simulated week matches what happened in it', async () => {
    const ledger = await fixture.openLedger({ policy: { tolerance: 1 } });
    const monday = await skipToNextWeek(8);
    const week = isoWeekOf(monday);
    const [single, family, waiting, lapsing] = [nextId('eoi'), nextId('eoi'), nextId('eoi'), nextId('eoi')];

    await ledger.confirmReadmissions(3);
    await ledger.requestPlaces(single, 1);
    await ledger.requestPlaces(family, 2);
    await fixture.env.sleep(30 * HOUR_MS);
    await ledger.requestPlaces(lapsing, 1);
    await ledger.requestPlaces(waiting, 2);
    await ledger.admit(single);
    await ledger.admit(family);
    await ledger.lapse(lapsing);
    // Q2 with tolerance 1: the lapse frees one place, and the family of two waiting needs two.
    expect(await ledger.waitForBalance((balance) => balance.placesReturned === 1)).toMatchObject({ eoisHeld: 1, headroom: 1 });
    await fixture.env.sleep(2 * 24 * HOUR_MS);
    await ledger.confirmReadmissions(1);
    await ledger.waitForBalance((balance) => balance.eoisHeld === 0);
    // The next week: only what happened then counts in it.
    await skipToNextWeek(1);
    await ledger.confirmReadmissions(2);

    const report = await ledger.weeklyReport(week);

    expect(report).toEqual({
      pilotId: ledger.pilotId,
      isoWeek: week,
      from: isoWeekStart(week).toISOString(),
      to: nextIsoWeekStart(monday).toISOString(),
      complete: true,
      readmissions: 4,
      admissions: 2,
      grantsOutstanding: 3,
      eoisHeld: 0,
      placesHeld: 0,
      imbalance: 1,
      week: { readmissions: 4, admissions: 2, placesReleased: 6, placesReturned: 1 },
      cap: 50,
    });
    expect(await ledger.balance()).toMatchObject({ readmissions: 6, admissions: 2, grantsOutstanding: 3, imbalance: -1 });
    // Q3: each finished week goes to the joint committee once, as the query shows it.
    const published = await publishedBy(ledger.pilotId, 2);
    expect(published.map((entry) => entry.isoWeek)).toEqual([isoWeekOf(new Date(isoWeekStart(week).getTime() - HOUR_MS)), week]);
    const { complete: _complete, ...expected } = report;
    expect(published[1]).toEqual({ ...expected, publishedAt: expect.any(String) });
  });

  it('Q3 a compressed pilot clock runs weeks of its own: at 168× a real hour is a pilot week, and each is published', async () => {
    const ledger = await fixture.openLedger({ policy: { timeCompression: 168 } });
    await ledger.confirmReadmissions(2);
    const opened = new Date((await ledger.balance()).asOf);

    await fixture.env.sleep(2 * HOUR_MS + 60_000);

    const published = await publishedBy(ledger.pilotId, 2);
    expect(published[0]).toMatchObject({ isoWeek: isoWeekOf(opened), readmissions: 2, week: { readmissions: 2 } });
    expect(published[1]).toMatchObject({ isoWeek: isoWeekOf(nextIsoWeekStart(opened)), readmissions: 2, week: { readmissions: 0 } });
    expect(new Date((await ledger.balance()).asOf).getTime() - opened.getTime()).toBeGreaterThan(13 * 24 * HOUR_MS);
  });
});

/** The reports one pilot's ledger published, once there are at least `count`. */
async function publishedBy(pilotId: string, count: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const published = fixture.reports.filter((entry) => entry.pilotId === pilotId);
    if (published.length >= count) return published;
    if (Date.now() > deadline) throw new Error(`ledger ${pilotId} published ${published.length} reports, not ${count}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
  }
}
