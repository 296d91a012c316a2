import { isoWeekOf } from './iso-week';
import { admissionRecorded, noticeOfTermination, pauseIntake, requestPlaces, resumeIntake } from './ledger-commands';
import { LedgerErrorCode } from './ledger-errors';
import { grantLapsed, grantRevoked, readmissionConfirmed, requestWithdrawn } from './ledger-facts';
import { DEFAULT_LEDGER_POLICY, type LedgerPolicy, ledgerPolicyOf, ledgerPolicyProblems, weeklyCapFor } from './ledger-policy';
import { heldInPriorityOrder, nextLedgerWake, releasePlaces } from './ledger-release';
import { balanceOf, weeklyReport } from './ledger-reports';
import { type LedgerState, imbalanceOf } from './ledger-state';
import {
  MONDAY,
  OTHER_SUPERVISOR,
  SUPERVISOR,
  caseIdOf,
  confirmReadmissions,
  eoiIdOf,
  later,
  newLedger,
  personIdOf,
  refusalCode,
  requestFor,
} from './test-support/ledger-fixtures';

const statusOf = (ledger: LedgerState, n: number) => ledger.eois[eoiIdOf(n)]?.status ?? (ledger.closedEois?.[eoiIdOf(n)] ? 'closed' : undefined);
const arrive = (ledger: LedgerState, eoi: number, person: number, now: Date, commandId = `arrival-${eoi}-${person}`) =>
  admissionRecorded(ledger, { commandId, eoiId: eoiIdOf(eoi), personId: personIdOf(eoi, person), arrivedAt: now.toISOString() }, now);

describe('equivalence ledger policy', () => {
  it('Q2 Q4 E6 the defaults are RULES.md’s: tolerance 0, 50 a week, no ramp-up, auto-pause off, no listed nationalities', () => {
    expect(DEFAULT_LEDGER_POLICY).toEqual({ tolerance: 0, weeklyCap: 50, rampUp: [], autoPauseImbalance: undefined, priority: { nationalities: [], ukLinkFirst: true }, timeCompression: 1 });
    expect(ledgerPolicyProblems(DEFAULT_LEDGER_POLICY)).toEqual([]);
    expect(ledgerPolicyProblems(ledgerPolicyOf({ tolerance: -1, weeklyCap: 0, rampUp: [{ fromIsoWeek: '2025-W53', weeklyCap: 5 }] }))).toEqual([
      expect.stringContaining('tolerance'),
      expect.stringContaining('weeklyCap'),
      expect.stringContaining('2025-W53'),
    ]);
    // Malformed configuration is named, never thrown on (a throw inside a workflow would retry for ever).
    const malformed = { rampUp: 'weekly' as unknown as [], priority: { ukLinkFirst: 'yes' } as unknown as LedgerPolicy['priority'], autoPauseImbalance: 1.5 };
    expect(ledgerPolicyProblems(ledgerPolicyOf(malformed))).toEqual([
      expect.stringContaining('rampUp'),
      expect.stringContaining('autoPauseImbalance'),
      expect.stringContaining('priority.nationalities'),
      expect.stringContaining('priority.ukLinkFirst'),
    ]);
  });

  it('Q2 ramp-up lowers the cap from the week its step starts; the weekly cap still bounds every step', () => {
    const policy = ledgerPolicyOf({ weeklyCap: 30, rampUp: [{ fromIsoWeek: '2026-W12', weeklyCap: 20 }, { fromIsoWeek: '2026-W10', weeklyCap: 5 }, { fromIsoWeek: '2026-W14', weeklyCap: 80 }] });
    expect(weeklyCapFor(policy, '2026-W09')).toBe(30);
    expect(weeklyCapFor(policy, '2026-W10')).toBe(5);
    expect(weeklyCapFor(policy, '2026-W11')).toBe(5);
    expect(weeklyCapFor(policy, '2026-W12')).toBe(20);
    expect(weeklyCapFor(policy, '2026-W14')).toBe(30);
    expect(weeklyCapFor(policy, '2027-W01')).toBe(30);
  });
});

describe('equivalence ledger: counting (Q1)', () => {
  it('Q1 a readmission counts when France confirms the handover, once per case however often it is reported', () => {
    const ledger = newLedger();
    const confirmation = { caseId: caseIdOf(1), confirmedAt: MONDAY.toISOString() };
    expect(readmissionConfirmed(ledger, confirmation, MONDAY)).toMatchObject({ counted: true });
    expect(readmissionConfirmed(ledger, confirmation, later(MONDAY, 1))).toMatchObject({ counted: false, why: expect.stringContaining('Q1') });
    expect(readmissionConfirmed(ledger, { caseId: 'Jean Dupont', confirmedAt: MONDAY.toISOString() }, MONDAY)).toMatchObject({ counted: false });
    expect(ledger.totals.readmissions).toBe(1);
    expect(ledger.notes.map((entry) => entry.what)).toEqual(['readmission-duplicate', 'readmission-ignored']);
  });

  it('Q1 an admission counts when the person arrives, not when places are released', () => {
    const ledger = newLedger();
    confirmReadmissions(ledger, 1, MONDAY);
    requestPlaces(ledger, requestFor(1, 1, MONDAY), MONDAY);
    expect(ledger.totals).toMatchObject({ admissions: 0, grantsOutstanding: 1 });
    expect(arrive(ledger, 1, 1, later(MONDAY, 3))).toEqual({ eoiId: eoiIdOf(1), admitted: 1, outstanding: 0 });
    expect(ledger.totals).toMatchObject({ admissions: 1, grantsOutstanding: 0 });
    expect(statusOf(ledger, 1)).toBe('closed');
  });

  it('Q1 E8 an arrival with no outstanding grant is refused: places still held, grant lapsed, more arrivals than people, unknown EOI', () => {
    const ledger = newLedger();
    requestPlaces(ledger, requestFor(1, 1, MONDAY), MONDAY);
    expect(refusalCode(() => arrive(ledger, 1, 1, MONDAY))).toBe(LedgerErrorCode.NoOutstandingGrant);

    confirmReadmissions(ledger, 3, MONDAY);
    releasePlaces(ledger, MONDAY);
    requestPlaces(ledger, requestFor(2, 2, MONDAY), MONDAY);
    arrive(ledger, 2, 1, MONDAY);
    arrive(ledger, 2, 2, MONDAY);
    expect(refusalCode(() => arrive(ledger, 2, 3, MONDAY))).toBe(LedgerErrorCode.NoOutstandingGrant);

    grantLapsed(ledger, { eoiId: eoiIdOf(1) }, later(MONDAY, 90));
    expect(refusalCode(() => arrive(ledger, 1, 1, later(MONDAY, 91)))).toBe(LedgerErrorCode.NoOutstandingGrant);
    expect(refusalCode(() => arrive(ledger, 9, 1, MONDAY))).toBe(LedgerErrorCode.UnknownEoi);
    expect(ledger.totals).toMatchObject({ admissions: 2, grantsOutstanding: 0, returned: 1 });
  });

  it('Q1 the same person’s arrival reported twice (a new event id) counts once', () => {
    const ledger = newLedger();
    confirmReadmissions(ledger, 2, MONDAY);
    requestPlaces(ledger, requestFor(1, 2, MONDAY), MONDAY);
    arrive(ledger, 1, 1, MONDAY, 'event-1');
    expect(arrive(ledger, 1, 1, MONDAY, 'event-2')).toEqual({ eoiId: eoiIdOf(1), admitted: 1, outstanding: 1 });
    expect(ledger.totals).toMatchObject({ admissions: 1, grantsOutstanding: 1 });
  });

  it('Q1 E8 once an EOI closes, a redelivered arrival is still accepted and counted once, a new one refused, a new request refused', () => {
    const ledger = newLedger();
    confirmReadmissions(ledger, 2, MONDAY);
    requestPlaces(ledger, requestFor(1, 2, MONDAY), MONDAY);
    arrive(ledger, 1, 1, MONDAY, 'event-1');
    arrive(ledger, 1, 2, MONDAY, 'event-2');
    expect(statusOf(ledger, 1)).toBe('closed');
    // The same event again, and the same person under a new event id: both accepted, neither counted.
    expect(arrive(ledger, 1, 2, later(MONDAY, 1), 'event-2')).toEqual({ eoiId: eoiIdOf(1), admitted: 2, outstanding: 0 });
    expect(arrive(ledger, 1, 1, later(MONDAY, 1), 'event-3')).toEqual({ eoiId: eoiIdOf(1), admitted: 2, outstanding: 0 });
    expect(refusalCode(() => arrive(ledger, 1, 3, later(MONDAY, 1)))).toBe(LedgerErrorCode.NoOutstandingGrant);
    expect(refusalCode(() => requestPlaces(ledger, requestFor(1, 2, MONDAY, { commandId: 'request-again' }), MONDAY))).toBe(LedgerErrorCode.EoiAlreadyRequested);
    expect(grantLapsed(ledger, { eoiId: eoiIdOf(1) }, later(MONDAY, 2))).toMatchObject({ counted: false, why: expect.stringContaining('closed, all-admitted') });
    expect(ledger.totals).toMatchObject({ released: 2, admissions: 2, grantsOutstanding: 0, returned: 0 });
  });

  it('Q1 Q6 a closed EOI is kept in a few dozen bytes and its commands are forgotten, so a pilot year of EOIs stays far below the 2 MB Temporal carries', () => {
    const ledger = newLedger(ledgerPolicyOf({ weeklyCap: 100_000 }));
    const eois = 5_000;
    confirmReadmissions(ledger, eois, MONDAY);
    const before = JSON.stringify(ledger).length;
    for (let n = 1; n <= eois; n += 1) {
      requestPlaces(ledger, requestFor(n, 1, MONDAY), MONDAY);
      if (n % 2 === 0) arrive(ledger, n, 1, later(MONDAY, 1));
      else grantLapsed(ledger, { eoiId: eoiIdOf(n) }, later(MONDAY, 2));
    }
    expect(Object.keys(ledger.eois)).toEqual([]);
    expect(Object.keys(ledger.commands)).toEqual([]);
    expect(ledger.totals).toMatchObject({ released: eois, admissions: eois / 2, returned: eois / 2, grantsOutstanding: 0, eoisHeld: 0 });
    // Each closed EOI costs its id, its closure and its admitted person ids: under 120 bytes of JSON.
    expect((JSON.stringify(ledger).length - before) / eois).toBeLessThan(120);
  });
});

describe('equivalence ledger: the balance (Q2)', () => {
  it('Q2 tolerance 0: nothing is released before a readmission is confirmed, then one place per readmission', () => {
    const ledger = newLedger();
    expect(requestPlaces(ledger, requestFor(1, 1, MONDAY), MONDAY).result).toEqual({ status: 'held', places: 1 });
    expect(requestPlaces(ledger, requestFor(2, 1, MONDAY), MONDAY).result).toEqual({ status: 'held', places: 1 });
    expect(releasePlaces(ledger, MONDAY)).toEqual([]);

    confirmReadmissions(ledger, 1, later(MONDAY, 1));
    expect(releasePlaces(ledger, later(MONDAY, 1))).toEqual([{ eoiId: eoiIdOf(1), places: 1, releasedAt: later(MONDAY, 1).toISOString(), isoWeek: '2026-W10' }]);
    expect(releasePlaces(ledger, later(MONDAY, 1))).toEqual([]);
    expect(ledger.totals.admissions + ledger.totals.grantsOutstanding).toBeLessThanOrEqual(ledger.totals.readmissions);
  });

  it('Q2 a positive tolerance lets admissions plus grants outstanding run that far ahead of readmissions, and no further', () => {
    const ledger = newLedger({ tolerance: 2 });
    for (let n = 1; n <= 4; n += 1) requestPlaces(ledger, requestFor(n, 1, MONDAY), MONDAY);
    expect([1, 2, 3, 4].map((n) => statusOf(ledger, n))).toEqual(['granted', 'granted', 'held', 'held']);
    expect(balanceOf(ledger, MONDAY)).toMatchObject({ imbalance: 2, headroom: 0, tolerance: 2 });

    // An arrival moves a place from grants outstanding to admissions: it frees nothing.
    arrive(ledger, 1, 1, MONDAY);
    expect(releasePlaces(ledger, MONDAY)).toEqual([]);
    confirmReadmissions(ledger, 1, MONDAY);
    expect(releasePlaces(ledger, MONDAY).map((release) => release.eoiId)).toEqual([eoiIdOf(3)]);
    expect(ledger.totals.admissions + ledger.totals.grantsOutstanding).toBe(ledger.totals.readmissions + 2);
  });

  it('Q2 weekly cap: no more places are released in an ISO week than its cap; the rest go the next week', () => {
    const ledger = newLedger({ weeklyCap: 3 });
    confirmReadmissions(ledger, 10, MONDAY);
    for (let n = 1; n <= 5; n += 1) requestPlaces(ledger, requestFor(n, 1, MONDAY), MONDAY);
    expect(ledger.totals.released).toBe(3);
    const sunday = later(MONDAY, 6, 14);
    expect(releasePlaces(ledger, sunday)).toEqual([]);
    expect(nextLedgerWake(ledger, sunday).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(releasePlaces(ledger, new Date('2026-03-09T00:00:00Z')).map((release) => release.isoWeek)).toEqual(['2026-W11', '2026-W11']);
  });

  it('Q2 ramp-up: the week’s step caps releases, and the next step lifts the cap from its week', () => {
    const ledger = newLedger({ weeklyCap: 50, rampUp: [{ fromIsoWeek: '2026-W10', weeklyCap: 2 }, { fromIsoWeek: '2026-W11', weeklyCap: 4 }] });
    confirmReadmissions(ledger, 10, MONDAY);
    for (let n = 1; n <= 8; n += 1) requestPlaces(ledger, requestFor(n, 1, MONDAY), MONDAY);
    expect(ledger.totals.released).toBe(2);
    releasePlaces(ledger, later(MONDAY, 7));
    expect(ledger.totals.released).toBe(6);
    expect(weeklyReport(ledger, '2026-W11', later(MONDAY, 7))).toMatchObject({ cap: 4, week: { placesReleased: 4 } });
  });
});

describe('equivalence ledger: families and priority (E5, E6)', () => {
  it('E5 a family of three takes three places and is released only when three fit', () => {
    const ledger = newLedger();
    expect(requestPlaces(ledger, requestFor(1, 3, MONDAY), MONDAY).result).toEqual({ status: 'held', places: 3 });
    confirmReadmissions(ledger, 2, MONDAY);
    expect(releasePlaces(ledger, MONDAY)).toEqual([]);
    confirmReadmissions(ledger, 1, later(MONDAY, 1));
    expect(releasePlaces(ledger, later(MONDAY, 1))).toEqual([expect.objectContaining({ eoiId: eoiIdOf(1), places: 3 })]);
    expect(ledger.totals).toMatchObject({ released: 3, grantsOutstanding: 3, eoisHeld: 0, placesHeld: 0 });
    for (const person of [1, 2, 3]) arrive(ledger, 1, person, later(MONDAY, 5));
    expect(ledger.totals).toMatchObject({ admissions: 3, grantsOutstanding: 0 });
  });

  it('E5 a family larger than a week’s whole cap is refused, as it could never go without being split', () => {
    const ledger = newLedger({ weeklyCap: 4 });
    expect(refusalCode(() => requestPlaces(ledger, requestFor(1, 5, MONDAY), MONDAY))).toBe(LedgerErrorCode.LargerThanWeeklyCap);
  });

  it('E6 listed nationalities first, then a UK link within 5 years, then submission order', () => {
    const ledger = newLedger({ priority: { nationalities: ['eri'], ukLinkFirst: true } });
    requestPlaces(ledger, requestFor(1, 1, MONDAY), MONDAY);
    requestPlaces(ledger, requestFor(2, 1, later(MONDAY, 0, 1), { ukLinkWithin5Years: true }), MONDAY);
    requestPlaces(ledger, requestFor(3, 1, later(MONDAY, 0, 2), { nationalities: ['SYR', 'ERI'] }), MONDAY);
    requestPlaces(ledger, requestFor(4, 1, later(MONDAY, 0, -1)), MONDAY);
    requestPlaces(ledger, requestFor(5, 1, later(MONDAY, 0, 3), { nationalities: ['ERI'], ukLinkWithin5Years: true }), MONDAY);
    expect(heldInPriorityOrder(ledger).map((eoi) => eoi.eoiId)).toEqual([5, 3, 2, 4, 1].map(eoiIdOf));

    confirmReadmissions(ledger, 5, later(MONDAY, 1));
    expect(releasePlaces(ledger, later(MONDAY, 1)).map((release) => release.eoiId)).toEqual([5, 3, 2, 4, 1].map(eoiIdOf));
  });

  it('E6 without the UK-link preference, submission order follows the listed nationalities', () => {
    const ledger = newLedger({ priority: { nationalities: [], ukLinkFirst: false } });
    requestPlaces(ledger, requestFor(1, 1, MONDAY, { ukLinkWithin5Years: true }), MONDAY);
    requestPlaces(ledger, requestFor(2, 1, later(MONDAY, 0, -1)), MONDAY);
    expect(heldInPriorityOrder(ledger).map((eoi) => eoi.eoiId)).toEqual([2, 1].map(eoiIdOf));
  });

  it('E6 E5 a family that does not fit holds up smaller EOIs behind it rather than being overtaken', () => {
    const ledger = newLedger();
    requestPlaces(ledger, requestFor(1, 3, MONDAY), MONDAY);
    requestPlaces(ledger, requestFor(2, 1, later(MONDAY, 0, 1)), MONDAY);
    confirmReadmissions(ledger, 2, MONDAY);
    expect(releasePlaces(ledger, MONDAY)).toEqual([]);
    confirmReadmissions(ledger, 2, MONDAY);
    expect(releasePlaces(ledger, MONDAY).map((release) => release.eoiId)).toEqual([1, 2].map(eoiIdOf));
  });

  it('E6 an EOI larger than a ramp-up week’s cap waits for a week it fits, without holding up the others', () => {
    const ledger = newLedger({ rampUp: [{ fromIsoWeek: '2026-W10', weeklyCap: 2 }, { fromIsoWeek: '2026-W11', weeklyCap: 10 }] });
    confirmReadmissions(ledger, 10, MONDAY);
    requestPlaces(ledger, requestFor(1, 3, MONDAY), MONDAY);
    requestPlaces(ledger, requestFor(2, 1, later(MONDAY, 0, 1)), MONDAY);
    expect([1, 2].map((n) => statusOf(ledger, n))).toEqual(['held', 'granted']);
    expect(releasePlaces(ledger, later(MONDAY, 7)).map((release) => release.eoiId)).toEqual([eoiIdOf(1)]);
  });

  it('E6 a repeated command id returns the first result and counts nothing twice; a new command for the same EOI is refused', () => {
    const ledger = newLedger();
    const request = requestFor(1, 2, MONDAY);
    expect(requestPlaces(ledger, request, MONDAY).result).toEqual({ status: 'held', places: 2 });
    confirmReadmissions(ledger, 2, MONDAY);
    releasePlaces(ledger, MONDAY);
    expect(requestPlaces(ledger, request, later(MONDAY, 1))).toEqual({ result: { status: 'held', places: 2 }, releases: [] });
    expect(ledger.totals).toMatchObject({ released: 2, grantsOutstanding: 2, eoisHeld: 0 });
    expect(refusalCode(() => requestPlaces(ledger, { ...request, commandId: 'another' }, MONDAY))).toBe(LedgerErrorCode.EoiAlreadyRequested);
    expect(refusalCode(() => pauseIntake(ledger, { commandId: request.commandId, actor: SUPERVISOR, reason: 'x' }, MONDAY))).toBe(LedgerErrorCode.CommandIdReused);
  });

  it('E6 malformed requests are refused naming the field; the ledger keeps no nationality, only the priority it gives', () => {
    const ledger = newLedger({ priority: { nationalities: ['ERI'], ukLinkFirst: true } });
    expect(refusalCode(() => requestPlaces(ledger, requestFor(1, 0, MONDAY), MONDAY))).toBe(LedgerErrorCode.InvalidInput);
    expect(() => requestPlaces(ledger, requestFor(1, 1, MONDAY, { eoiId: 'Ahmed family' }), MONDAY)).toThrow(/eoiId/);
    expect(() => requestPlaces(ledger, requestFor(1, 1, MONDAY, { nationalities: [] }), MONDAY)).toThrow(/nationalities/);
    requestPlaces(ledger, requestFor(1, 1, MONDAY, { nationalities: ['ERI'] }), MONDAY);
    expect(ledger.eois[eoiIdOf(1)]).not.toHaveProperty('nationalities');
    expect(ledger.eois[eoiIdOf(1)]?.priority).toEqual({ listedNationality: true, ukLink: false });
  });

  it('E6 a withdrawn EOI no longer waits, nor holds up those behind it', () => {
    const ledger = newLedger();
    requestPlaces(ledger, requestFor(1, 3, MONDAY), MONDAY);
    requestPlaces(ledger, requestFor(2, 1, later(MONDAY, 0, 1)), MONDAY);
    confirmReadmissions(ledger, 1, MONDAY);
    expect(requestWithdrawn(ledger, { eoiId: eoiIdOf(1), reason: 'E2: presence in France not confirmed' }, MONDAY)).toMatchObject({ counted: true });
    expect(releasePlaces(ledger, MONDAY).map((release) => release.eoiId)).toEqual([eoiIdOf(2)]);
    expect(ledger.totals).toMatchObject({ eoisHeld: 0, placesHeld: 0 });
  });
});

describe('equivalence ledger: pausing (Q4)', () => {
  it('Q4 a paused ledger releases nothing until an authorised person resumes it', () => {
    const ledger = newLedger();
    confirmReadmissions(ledger, 2, MONDAY);
    expect(pauseIntake(ledger, { commandId: 'p1', actor: SUPERVISOR, reason: 'joint committee review' }, MONDAY)).toEqual({ paused: true });
    expect(requestPlaces(ledger, requestFor(1, 1, MONDAY), MONDAY).result.status).toBe('held');
    expect(releasePlaces(ledger, later(MONDAY, 1))).toEqual([]);
    expect(refusalCode(() => pauseIntake(ledger, { commandId: 'p2', actor: OTHER_SUPERVISOR, reason: 'again' }, MONDAY))).toBe(LedgerErrorCode.AlreadyPaused);
    expect(resumeIntake(ledger, { commandId: 'r1', actor: OTHER_SUPERVISOR, reason: 'review done' }, later(MONDAY, 2))).toEqual({ paused: false });
    expect(releasePlaces(ledger, later(MONDAY, 2)).map((release) => release.eoiId)).toEqual([eoiIdOf(1)]);
    expect(refusalCode(() => resumeIntake(ledger, { commandId: 'r2', actor: SUPERVISOR, reason: 'x' }, MONDAY))).toBe(LedgerErrorCode.NotPaused);
    expect(ledger.decisions.map((decision) => [decision.what, decision.by])).toEqual([
      ['paused', SUPERVISOR],
      ['resumed', OTHER_SUPERVISOR],
    ]);
  });

  it('Q4 only an authorised person, named by an opaque id, may pause or resume', () => {
    const ledger = newLedger();
    expect(refusalCode(() => pauseIntake(ledger, { commandId: 'p1', actor: 'Jane Smith', reason: 'x' }, MONDAY))).toBe(LedgerErrorCode.InvalidInput);
    expect(refusalCode(() => pauseIntake(ledger, { commandId: 'p1', actor: 'svc_SOMESERVICE1', reason: 'x' }, MONDAY))).toBe(LedgerErrorCode.InvalidInput);
    expect(refusalCode(() => pauseIntake(ledger, { commandId: 'p1', actor: SUPERVISOR, reason: ' ' }, MONDAY))).toBe(LedgerErrorCode.InvalidInput);
  });

  it('Q4 intake pauses by itself once the imbalance passes the threshold, and resuming is refused while it still does', () => {
    const ledger = newLedger({ tolerance: 5, autoPauseImbalance: 2 });
    for (let n = 1; n <= 5; n += 1) requestPlaces(ledger, requestFor(n, 1, MONDAY), MONDAY);
    expect(ledger.totals.released).toBe(3);
    expect(imbalanceOf(ledger)).toBe(3);
    expect(ledger.pause).toMatchObject({ automatic: true, by: 'system:equivalence-ledger', reason: expect.stringContaining('Q4') });
    expect(refusalCode(() => resumeIntake(ledger, { commandId: 'r1', actor: SUPERVISOR, reason: 'go on' }, MONDAY))).toBe(LedgerErrorCode.ImbalanceAboveThreshold);

    confirmReadmissions(ledger, 1, later(MONDAY, 1));
    expect(releasePlaces(ledger, later(MONDAY, 1))).toEqual([]);
    resumeIntake(ledger, { commandId: 'r2', actor: SUPERVISOR, reason: 'readmissions caught up' }, later(MONDAY, 1));
    expect(releasePlaces(ledger, later(MONDAY, 1)).map((release) => release.eoiId)).toEqual([eoiIdOf(4)]);
    expect(ledger.pause?.automatic).toBe(true);
  });

  it('Q4 auto-pause is off by default', () => {
    const ledger = newLedger({ tolerance: 5 });
    for (let n = 1; n <= 5; n += 1) requestPlaces(ledger, requestFor(n, 1, MONDAY), MONDAY);
    expect(ledger.pause).toBeUndefined();
    expect(imbalanceOf(ledger)).toBe(5);
  });
});

describe('equivalence ledger: notice of termination (Q5)', () => {
  it('Q5 from notice, no place is released beyond the readmissions already confirmed: the tolerance no longer applies', () => {
    const ledger = newLedger({ tolerance: 3 });
    confirmReadmissions(ledger, 1, MONDAY);
    requestPlaces(ledger, requestFor(1, 1, MONDAY), MONDAY);
    const notice = noticeOfTermination(ledger, { commandId: 'n1', actor: SUPERVISOR, givenAt: MONDAY.toISOString(), reason: 'France gave notice' }, MONDAY);
    expect(notice).toEqual({ endsAt: '2026-04-02T09:00:00.000Z', imbalance: 0 });
    requestPlaces(ledger, requestFor(2, 1, MONDAY), MONDAY);
    expect(statusOf(ledger, 2)).toBe('held');
    expect(balanceOf(ledger, MONDAY)).toMatchObject({ mode: 'reconciliation', tolerance: 0, headroom: 0 });

    // Readmissions France confirms during the month still count (Q1), and release places one for one.
    confirmReadmissions(ledger, 1, later(MONDAY, 3));
    expect(releasePlaces(ledger, later(MONDAY, 3)).map((release) => release.eoiId)).toEqual([eoiIdOf(2)]);
    expect(refusalCode(() => noticeOfTermination(ledger, { commandId: 'n2', actor: SUPERVISOR, givenAt: MONDAY.toISOString(), reason: 'again' }, MONDAY))).toBe(
      LedgerErrorCode.NoticeAlreadyGiven,
    );
  });

  it('Q5 a notice recorded without its date counts from the ledger\'s own now (its pilot clock, which callers cannot read)', () => {
    const ledger = newLedger({});
    expect(noticeOfTermination(ledger, { commandId: 'n1', actor: SUPERVISOR, reason: 'France gave notice today' }, MONDAY)).toEqual({ endsAt: '2026-04-02T09:00:00.000Z', imbalance: 0 });
    expect(ledger.reconciliation).toMatchObject({ givenAt: MONDAY.toISOString(), recordedAt: MONDAY.toISOString() });
  });

  it('Q5 when the month of notice is over the pilot ends: nothing more is released and the final imbalance stands reported', () => {
    const ledger = newLedger({ tolerance: 2 });
    for (let n = 1; n <= 2; n += 1) requestPlaces(ledger, requestFor(n, 1, MONDAY), MONDAY);
    noticeOfTermination(ledger, { commandId: 'n1', actor: SUPERVISOR, givenAt: MONDAY.toISOString(), reason: 'UK gave notice' }, MONDAY);
    requestPlaces(ledger, requestFor(3, 1, MONDAY), MONDAY);
    expect(nextLedgerWake(ledger, new Date('2026-03-30T10:00:00Z')).toISOString()).toBe('2026-04-02T09:00:00.000Z');

    const end = new Date('2026-04-02T09:00:00Z');
    confirmReadmissions(ledger, 1, later(end, 0, -1));
    releasePlaces(ledger, end);
    expect(statusOf(ledger, 3)).toBe('held');
    expect(balanceOf(ledger, end)).toMatchObject({ mode: 'ended', reconciliation: { finalImbalance: 1, imbalanceAtNotice: 2, endedAt: end.toISOString() } });
    expect(refusalCode(() => requestPlaces(ledger, requestFor(4, 1, end), end))).toBe(LedgerErrorCode.PilotEnded);
    expect(ledger.decisions.map((decision) => decision.what)).toEqual(['notice-of-termination', 'pilot-ended']);
  });
});

describe('equivalence ledger: grants that end unused (Q6)', () => {
  it('Q6 a lapsed grant returns its places and the next held EOI gets them', () => {
    const ledger = newLedger();
    confirmReadmissions(ledger, 2, MONDAY);
    requestPlaces(ledger, requestFor(1, 2, MONDAY), MONDAY);
    requestPlaces(ledger, requestFor(2, 2, MONDAY), MONDAY);
    expect(statusOf(ledger, 2)).toBe('held');
    const lapse = later(MONDAY, 92);
    expect(grantLapsed(ledger, { eoiId: eoiIdOf(1) }, lapse)).toMatchObject({ counted: true, why: expect.stringContaining('Q6') });
    expect(ledger.totals).toMatchObject({ grantsOutstanding: 0, returned: 2 });
    expect(releasePlaces(ledger, lapse).map((release) => release.eoiId)).toEqual([eoiIdOf(2)]);
    expect(grantLapsed(ledger, { eoiId: eoiIdOf(1) }, lapse)).toMatchObject({ counted: false });
  });

  it('Q6 a revoked grant after part of the family arrived returns only the unused places', () => {
    const ledger = newLedger();
    confirmReadmissions(ledger, 3, MONDAY);
    requestPlaces(ledger, requestFor(1, 3, MONDAY), MONDAY);
    arrive(ledger, 1, 1, later(MONDAY, 10));
    grantRevoked(ledger, { eoiId: eoiIdOf(1), reason: 'security check' }, later(MONDAY, 11));
    expect(ledger.totals).toMatchObject({ released: 3, admissions: 1, grantsOutstanding: 0, returned: 2 });
    expect(ledger.closedEois?.[eoiIdOf(1)]).toEqual({ closedBy: 'revoked', people: 3, admitted: [personIdOf(1, 1)], returned: 2 });
  });
});

describe('equivalence ledger: reports (Q3)', () => {
  it('Q3 a week’s report shows its movements and the figures at its end; a quiet week carries them over', () => {
    const ledger = newLedger({ tolerance: 1 });
    confirmReadmissions(ledger, 2, MONDAY);
    requestPlaces(ledger, requestFor(1, 2, MONDAY), MONDAY);
    requestPlaces(ledger, requestFor(2, 3, later(MONDAY, 1)), later(MONDAY, 1));
    arrive(ledger, 1, 1, later(MONDAY, 4));
    const nextWeek = later(MONDAY, 8);
    arrive(ledger, 1, 2, nextWeek);
    confirmReadmissions(ledger, 2, nextWeek);
    releasePlaces(ledger, nextWeek);

    expect(weeklyReport(ledger, '2026-W10', nextWeek)).toEqual({
      pilotId: ledger.pilotId,
      isoWeek: '2026-W10',
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-09T00:00:00.000Z',
      complete: true,
      readmissions: 2,
      admissions: 1,
      grantsOutstanding: 1,
      eoisHeld: 1,
      placesHeld: 3,
      imbalance: 0,
      week: { readmissions: 2, admissions: 1, placesReleased: 2, placesReturned: 0 },
      cap: 50,
    });
    expect(weeklyReport(ledger, '2026-W11', nextWeek)).toMatchObject({
      complete: false,
      readmissions: 4,
      admissions: 2,
      grantsOutstanding: 3,
      eoisHeld: 0,
      imbalance: 1,
      week: { readmissions: 2, admissions: 1, placesReleased: 3, placesReturned: 0 },
    });
    expect(weeklyReport(ledger, '2026-W09', nextWeek)).toMatchObject({ readmissions: 0, eoisHeld: 0, week: { readmissions: 0 } });
    expect(weeklyReport(ledger, '2026-W14', later(MONDAY, 40))).toMatchObject({ readmissions: 4, grantsOutstanding: 3, week: { placesReleased: 0 }, complete: true });
    expect(isoWeekOf(nextWeek)).toBe('2026-W11');
  });

  it('Q3 the live balance shows the figures, the headroom and this week’s cap', () => {
    const ledger = newLedger({ weeklyCap: 10 });
    confirmReadmissions(ledger, 3, MONDAY);
    requestPlaces(ledger, requestFor(1, 2, MONDAY), MONDAY);
    expect(balanceOf(ledger, MONDAY)).toMatchObject({
      readmissions: 3,
      admissions: 0,
      grantsOutstanding: 2,
      imbalance: -1,
      headroom: 1,
      mode: 'open',
      paused: false,
      currentWeek: { isoWeek: '2026-W10', cap: 10, released: 2, remaining: 8 },
    });
  });
});
