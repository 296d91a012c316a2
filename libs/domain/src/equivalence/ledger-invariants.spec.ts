import fc from 'fast-check';
import { admissionRecorded, noticeOfTermination, pauseIntake, requestPlaces, resumeIntake } from './ledger-commands';
import { LedgerRefusalError } from './ledger-errors';
import { grantLapsed, grantRevoked, readmissionConfirmed, requestWithdrawn } from './ledger-facts';
import { type LedgerPolicy, type RampUpStep, weeklyCapFor } from './ledger-policy';
import { releasePlaces } from './ledger-release';
import { type LedgerState, type PlacesRelease, outstandingOf } from './ledger-state';
import { MONDAY, OTHER_SUPERVISOR, SUPERVISOR, caseIdOf, eoiIdOf, later, newLedger, personIdOf } from './test-support/ledger-fixtures';

/** One thing that happens to the ledger, some hours after the one before. */
type Step = { afterHours: number } & (
  | { kind: 'readmission'; caseN: number }
  | { kind: 'request'; eoiN: number; people: number; listed: boolean; ukLink: boolean; commandN: number }
  | { kind: 'release' }
  | { kind: 'lapse' | 'revoke' | 'withdraw'; eoiN: number }
  | { kind: 'arrival'; eoiN: number; person: number; commandN: number }
  | { kind: 'pause' | 'resume'; byOther: boolean; commandN: number }
  | { kind: 'notice'; commandN: number }
);

// Mostly short gaps, so readmissions, requests and arrivals pile up within a week and its cap binds; now and then a long one.
const afterHours = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 12, max: 24 * 8 }));
// Few EOIs and people, so arrivals, lapses and revocations mostly find a grant to act on.
const eoiN = fc.integer({ min: 1, max: 10 });
const commandN = fc.integer({ min: 1, max: 200 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ afterHours, kind: fc.constant('readmission' as const), caseN: fc.integer({ min: 1, max: 60 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      afterHours,
      kind: fc.constant('request' as const),
      eoiN,
      people: fc.integer({ min: 1, max: 4 }),
      listed: fc.boolean(),
      ukLink: fc.boolean(),
      commandN,
    }),
  },
  { weight: 4, arbitrary: fc.record({ afterHours, kind: fc.constant('release' as const) }) },
  { weight: 2, arbitrary: fc.record({ afterHours, kind: fc.constantFrom('lapse' as const, 'revoke' as const, 'withdraw' as const), eoiN }) },
  { weight: 6, arbitrary: fc.record({ afterHours, kind: fc.constant('arrival' as const), eoiN, person: fc.integer({ min: 1, max: 4 }), commandN }) },
  { weight: 1, arbitrary: fc.record({ afterHours, kind: fc.constantFrom('pause' as const, 'resume' as const), byOther: fc.boolean(), commandN }) },
);

/** The steps of one run, with at most one notice of termination (Q5) somewhere among them, so most of a run happens before it. */
const runArbitrary: fc.Arbitrary<Step[]> = fc
  .tuple(fc.array(stepArbitrary, { minLength: 1, maxLength: 80, size: 'max' }), fc.option(fc.nat({ max: 100 }), { nil: undefined, freq: 2 }), commandN)
  .map(([steps, noticeAt, noticeCommand]) =>
    noticeAt === undefined || noticeAt >= steps.length
      ? steps
      : [...steps.slice(0, noticeAt), { afterHours: 0, kind: 'notice' as const, commandN: noticeCommand }, ...steps.slice(noticeAt)],
  );

const policyArbitrary: fc.Arbitrary<Partial<LedgerPolicy>> = fc.record({
  tolerance: fc.integer({ min: 0, max: 3 }),
  weeklyCap: fc.integer({ min: 4, max: 8 }),
  rampUp: fc.constantFrom<RampUpStep[][]>([], [{ fromIsoWeek: '2026-W11', weeklyCap: 2 }, { fromIsoWeek: '2026-W13', weeklyCap: 6 }]),
  autoPauseImbalance: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined, freq: 3 }),
  priority: fc.record({ nationalities: fc.constantFrom([], ['ERI']), ukLinkFirst: fc.boolean() }),
});

/** Applies a step through the ledger's public functions; a refused command must leave the ledger exactly as it was. */
function apply(ledger: LedgerState, step: Step, now: Date): PlacesRelease[] {
  const before = JSON.stringify(ledger);
  const command = (commandId: number) => `command-${commandId}`;
  try {
    switch (step.kind) {
      case 'readmission':
        readmissionConfirmed(ledger, { caseId: caseIdOf(step.caseN), confirmedAt: now.toISOString() }, now);
        return [];
      case 'request':
        return requestPlaces(
          ledger,
          {
            commandId: command(step.commandN),
            eoiId: eoiIdOf(step.eoiN),
            people: step.people,
            submittedAt: now.toISOString(),
            nationalities: step.listed ? ['ERI', 'SDN'] : ['SDN'],
            ukLinkWithin5Years: step.ukLink,
          },
          now,
        ).releases;
      case 'release':
        return releasePlaces(ledger, now);
      case 'lapse':
        grantLapsed(ledger, { eoiId: eoiIdOf(step.eoiN) }, now);
        return [];
      case 'revoke':
        grantRevoked(ledger, { eoiId: eoiIdOf(step.eoiN), reason: 'suitability' }, now);
        return [];
      case 'withdraw':
        requestWithdrawn(ledger, { eoiId: eoiIdOf(step.eoiN), reason: 'withdrawn' }, now);
        return [];
      case 'arrival':
        admissionRecorded(ledger, { commandId: command(step.commandN), eoiId: eoiIdOf(step.eoiN), personId: personIdOf(step.eoiN, step.person), arrivedAt: now.toISOString() }, now);
        return [];
      case 'pause':
      case 'resume': {
        const decide = step.kind === 'pause' ? pauseIntake : resumeIntake;
        decide(ledger, { commandId: command(step.commandN), actor: step.byOther ? OTHER_SUPERVISOR : SUPERVISOR, reason: 'property test' }, now);
        return [];
      }
      case 'notice':
        noticeOfTermination(ledger, { commandId: command(step.commandN), actor: SUPERVISOR, givenAt: now.toISOString(), reason: 'property test' }, now);
        return [];
    }
  } catch (error) {
    if (!(error instanceof LedgerRefusalError)) throw error;
    check(JSON.stringify(ledger) === before, `a refused ${step.kind} changed the ledger`, ledger);
    return [];
  }
}

/** A plain check: Jest's expect is too slow to call thousands of times per run. */
function check(holds: boolean, what: string, ledger: LedgerState): void {
  if (!holds) throw new Error(`${what}\nledger: ${JSON.stringify({ policy: ledger.policy, mode: ledger.mode, pause: ledger.pause, totals: ledger.totals, weeks: ledger.weeks })}`);
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Everything that must hold after every step, whatever happened before. */
function checkInvariants(ledger: LedgerState, step: Step, releases: PlacesRelease[], pausedBefore: boolean): void {
  const { totals, policy } = ledger;
  check(totals.admissions + totals.grantsOutstanding <= totals.readmissions + policy.tolerance, 'Q2: admissions + grants outstanding exceed readmissions + tolerance', ledger);
  for (const [week, tally] of Object.entries(ledger.weeks)) {
    check(tally.released <= weeklyCapFor(policy, week), `Q2: week ${week} released ${tally.released}, over its cap`, ledger);
  }
  check(Object.values(totals).every((value) => value >= 0), 'a count went negative', ledger);
  const eois = Object.values(ledger.eois);
  for (const eoi of [...eois, ...Object.values(ledger.closedEois ?? {}).map((closed) => ({ ...closed, eoiId: 'closed' }))]) {
    check(eoi.admitted.length + eoi.returned <= eoi.people, `${eoi.eoiId} used or returned more places than it has people`, ledger);
    check(new Set(eoi.admitted).size === eoi.admitted.length, `${eoi.eoiId} counted a person twice`, ledger);
  }
  check(totals.released === totals.admissions + totals.grantsOutstanding + totals.returned, 'a place was lost: released ≠ admitted + outstanding + returned', ledger);
  // The running totals agree with the records they summarise, and the weeks add up to them.
  const held = eois.filter((eoi) => eoi.status === 'held');
  // A closed EOI is kept apart, reduced (its places were released unless it was withdrawn while held).
  const closed = Object.values(ledger.closedEois ?? {});
  check(eois.every((eoi) => eoi.status !== 'closed' && !ledger.closedEois?.[eoi.eoiId]), 'a closed EOI is still among the open ones', ledger);
  const recount = {
    readmissions: Object.keys(ledger.readmissions).length,
    admissions: sum([...eois, ...closed].map((eoi) => eoi.admitted.length)),
    released: sum(eois.filter((eoi) => eoi.releasedAt !== undefined).map((eoi) => eoi.people)) + sum(closed.filter((eoi) => eoi.closedBy !== 'withdrawn').map((eoi) => eoi.people)),
    returned: sum([...eois, ...closed].map((eoi) => eoi.returned)),
    grantsOutstanding: sum(eois.map(outstandingOf)),
    eoisHeld: held.length,
    placesHeld: sum(held.map((eoi) => eoi.people)),
  };
  check(JSON.stringify(recount) === JSON.stringify(totals), `totals ${JSON.stringify(totals)} differ from the records ${JSON.stringify(recount)}`, ledger);
  const weeks = Object.values(ledger.weeks);
  for (const key of ['readmissions', 'admissions', 'released', 'returned'] as const) {
    check(sum(weeks.map((tally) => tally[key])) === totals[key], `the weeks' ${key} do not add up to the total`, ledger);
  }
  if (releases.length > 0) {
    check(!pausedBefore, 'Q4: places released while paused', ledger);
    check(ledger.mode !== 'ended', 'Q5: places released after the pilot ended', ledger);
    if (ledger.mode === 'reconciliation') {
      check(totals.admissions + totals.grantsOutstanding <= totals.readmissions, 'Q5: released beyond confirmed readmissions in reconciliation', ledger);
    }
    check(releases.every((release) => release.places === (ledger.eois[release.eoiId] ?? ledger.closedEois?.[release.eoiId])?.people), 'E5: a family was split', ledger);
    // Places move only when a release is attempted (after a request, or on the workflow's own attempts).
    check(step.kind === 'release' || step.kind === 'request', `places released by a ${step.kind}`, ledger);
  }
}

describe('equivalence ledger under random interleavings (property-based)', () => {
  it('Q2 Q4 Q5 Q6 E5 after every step: within readmissions plus tolerance, within each week’s cap, no negative count, no place lost', () => {
    fc.assert(
      fc.property(policyArbitrary, runArbitrary, (policy, steps) => {
        const ledger = newLedger(policy);
        let now = MONDAY;
        for (const step of steps) {
          now = later(now, 0, step.afterHours);
          const pausedBefore = ledger.pause !== undefined;
          const releases = apply(ledger, step, now);
          checkInvariants(ledger, step, releases, pausedBefore);
        }
      }),
      { numRuns: 400 },
    );
  });
});
