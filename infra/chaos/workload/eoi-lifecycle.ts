import { type EoiApplicant, type EoiSubmittedData, Topics, securityRefusalGroundSchema } from '@oioo/contracts';
import { awaitedReference, publishAction, stepAction } from './planned-actions';
import { type SeededPrng } from './seeded-prng';
import { DAY_MS, HOUR_MS, type SimTime } from './sim-time';
import { type ActionFlow, type PlannedAction } from './workload-actions';
import { type WorkloadMix } from './workload-options';

/** What the EOI planner needs from the generator. */
export interface EoiPlanContext {
  mix: WorkloadMix;
  lifecycles: boolean;
  time: SimTime;
  /** A template of an earlier small-boat arrival, if any (E4: the visa centre captures a prior entrant's biometrics). */
  earlierTemplate(prng: SeededPrng): string | undefined;
}

/** Nationalities seen among applicants (E6 lists some first); none is EEA. */
const NATIONALITIES = ['ERI', 'SDN', 'AFG', 'SYR', 'IRN', 'IRQ', 'ETH', 'SOM', 'VNM', 'KWT'] as const;
const GIVEN_NAMES = ['Awet', 'Hana', 'Yonas', 'Samira', 'Omid', 'Leyla', 'Tesfay', 'Amina', 'Reza', 'Mariam'] as const;
const FAMILY_NAMES = ['Tesfaye', 'Haile', 'Ahmadi', 'Hassan', 'Karimi', 'Osman', 'Nguyen', 'Abdi'] as const;

/**
 * The life cycle of one expression of interest (E1–E8, S1): the portal's submission (one person or a
 * family, E5); each adult confirming presence in France once identity asks (E2); a wait while held for
 * places (E6, on the ledger's pace, so its length here is only an estimate); biometrics at the visa centre
 * once identity books the appointment (E7, E4); the security services' result for each person; the
 * decision by two people (S1); Border Force recording each arrival once transport books the journey (E8).
 */
export function planEoi(context: EoiPlanContext, prng: SeededPrng, submittedOffsetMs: number): PlannedAction[] {
  const { mix, time } = context;
  const eoiId = prng.opaqueId('eoi');
  const flow: ActionFlow = { kind: 'eoi', id: eoiId };
  const ineligible = prng.chance(mix.eoiIneligible);
  const applicants = applicantsOf(prng, mix, ineligible);
  const data: EoiSubmittedData = {
    eoiId,
    submittedAt: time.iso(submittedOffsetMs),
    applicants,
    ...(applicants.length > 1 ? { familyReference: `FAM-${eoiId.slice(4, 14)}` } : {}),
  };
  const actions: PlannedAction[] = [
    publishAction(prng, Topics.eoiSubmitted, { flow, step: 'eoi-submitted', simOffsetMs: submittedOffsetMs, at: data.submittedAt, source: 'eoi-portal', subject: eoiId, data, dataTimePaths: [['submittedAt']] }),
  ];
  if (!context.lifecycles || ineligible) return actions; // E3: the case ends ineligible on its own data.

  // E2: every adult confirms within 24 hours of being asked, unless they never do or are elsewhere.
  let t = submittedOffsetMs;
  let valid = true;
  for (const adult of applicants.filter((person) => person.role !== 'child')) {
    if (prng.chance(mix.presenceNeverConfirmed)) {
      valid = false;
      continue;
    }
    const outside = prng.chance(mix.presenceOutsideFrance);
    valid &&= !outside;
    const at = submittedOffsetMs + prng.uniform(1, 20) * HOUR_MS;
    t = Math.max(t, at);
    actions.push(
      publishAction(prng, Topics.presenceConfirmed, {
        flow, step: 'presence-confirmed', simOffsetMs: at, at: time.iso(at), source: 'eoi-portal', subject: eoiId,
        data: { eoiId, personId: adult.personId, confirmedAt: time.iso(at), country: outside ? 'BEL' : 'FRA' },
        dataTimePaths: [['confirmedAt']], awaits: { fact: 'presence-request', topic: Topics.presenceRequested.name, eoiId },
      }),
    );
  }
  if (!valid) return actions;

  // E6: held until the ledger releases places; E7: the visa centre appointment follows the invitation.
  t += prng.uniform(7, 60) * DAY_MS;
  if (prng.chance(mix.vacNoShow)) return actions;
  const appointment = { fact: 'appointment', topic: Topics.appointmentBooked.name, eoiId } as const;
  let refused = false;
  let checksDone = t;
  for (const person of applicants) {
    const at = t + prng.uniform(0, 4) * HOUR_MS;
    const earlier = person.role !== 'child' && prng.chance(mix.eoiPriorEntry) ? context.earlierTemplate(prng) : undefined;
    refused ||= earlier !== undefined; // E4: a prior irregular entry is found by biometric match.
    actions.push(
      publishAction(prng, Topics.biometricsCaptured, {
        flow, step: 'biometrics-captured', simOffsetMs: at, at: time.iso(at), source: 'visa-application-centre', subject: eoiId,
        data: { eoiId, appointmentReference: awaitedReference('vac', eoiId), personId: person.personId, capturedAt: time.iso(at), biometricTemplate: earlier ?? `tpl-${prng.uuid()}` },
        dataTimePaths: [['capturedAt']], awaits: appointment, bindings: [{ path: ['appointmentReference'], from: 'appointmentReference' }],
      }),
    );
    checksDone = Math.max(checksDone, at);
  }
  if (refused) return actions;

  const checks = { fact: 'security-check-request', topic: Topics.securityCheckRequested.name, eoiId } as const;
  const checksFrom = checksDone;
  for (const person of applicants) {
    const at = checksFrom + prng.uniform(1, 10) * DAY_MS;
    const refuse = prng.chance(mix.securityRefuse);
    refused ||= refuse;
    actions.push(
      publishAction(prng, Topics.securityCheckCompleted, {
        flow, step: 'security-check-completed', simOffsetMs: at, at: time.iso(at), source: 'uk-security-checks', subject: eoiId,
        data: { eoiId, checkReference: awaitedReference('sec', eoiId), personId: person.personId, outcome: refuse ? 'refuse' : 'clear', ...(refuse ? { ground: prng.pick(securityRefusalGroundSchema.options) } : {}), completedAt: time.iso(at) },
        dataTimePaths: [['completedAt']], awaits: checks, bindings: [{ path: ['checkReference'], from: 'checkReference' }],
      }),
    );
    checksDone = Math.max(checksDone, at);
  }
  if (refused) return actions;

  t = checksDone + prng.uniform(1, 48) * HOUR_MS;
  const grant = !prng.chance(mix.decisionRefuse);
  actions.push(
    stepAction(prng, 'proposeDecision', {
      flow, step: 'decision-proposal', simOffsetMs: t, expectState: 'decision',
      body: { decision: grant ? 'grant' : 'refuse', reasons: grant ? 'eligible; checks clear' : 'not satisfied on the evidence', evidence: [] },
    }),
  );
  t += prng.uniform(1, 24) * HOUR_MS;
  actions.push(stepAction(prng, 'reviewDecision', { flow, step: 'decision-review', simOffsetMs: t, expectState: 'decision-approval', body: { approve: true, reason: 'agree' } }));
  if (!grant || prng.chance(mix.noTravel)) return actions; // E7, Q6: an unused grant lapses and its places return.

  const travel = { fact: 'travel', topic: Topics.travelBooked.name, eoiId } as const;
  const arriveAt = t + prng.uniform(3, 20) * DAY_MS;
  for (const person of applicants) {
    const at = arriveAt + prng.uniform(0, 30) * 60_000;
    actions.push(
      publishAction(prng, Topics.entryRecorded, {
        flow, step: 'entry-recorded', simOffsetMs: at, at: time.iso(at), source: 'uk-border-force', subject: eoiId,
        data: { eoiId, personId: person.personId, travelReference: awaitedReference('trv', eoiId), arrivedAt: time.iso(at), port: 'Dover' },
        dataTimePaths: [['arrivedAt']], awaits: travel,
        bindings: [{ path: ['travelReference'], from: 'travelReference' }, { path: ['port'], from: 'arrivalPort' }],
      }),
    );
  }
  return actions;
}

/** The people of one EOI: a main applicant and, for a family, a partner, children and sometimes an adult dependant (E5). */
function applicantsOf(prng: SeededPrng, mix: WorkloadMix, ineligible: boolean): EoiApplicant[] {
  const familyName = prng.pick(FAMILY_NAMES);
  const nationality = prng.pick(NATIONALITIES);
  const ukLink = prng.chance(mix.eoiUkLink);
  const person = (role: EoiApplicant['role'], born: string): EoiApplicant => ({
    personId: prng.opaqueId('per'),
    role,
    givenNames: prng.pick(GIVEN_NAMES),
    familyName,
    dateOfBirth: born,
    nationalities: [nationality],
    document: { kind: 'passport', number: `P${prng.between(1_000_000, 9_999_999)}`, issuingCountry: nationality, nationalityShown: nationality, expiresOn: `20${prng.between(20, 34)}-0${prng.between(1, 9)}-1${prng.between(0, 9)}` },
    eeaFamilyMember: false,
    protectionElsewhere: false,
    frenchResidencePermission: false,
    ukLinkWithin5Years: ukLink,
  });
  const adultBorn = () => `19${prng.between(65, 99)}-0${prng.between(1, 9)}-1${prng.between(0, 9)}`;
  const childBorn = () => `20${prng.between(10, 22)}-0${prng.between(1, 9)}-2${prng.between(0, 8)}`;
  const people = [person('main', adultBorn())];
  if (prng.chance(mix.eoiFamily)) {
    if (prng.chance(0.7)) people.push(person('partner', adultBorn()));
    for (let children = prng.between(0, 3); children > 0; children -= 1) people.push(person('child', childBorn()));
    if (prng.chance(0.1)) people.push(person('adult-dependant', adultBorn()));
  }
  const [main] = people as [EoiApplicant];
  // E3: an ineligible EOI fails on the main applicant's own declaration (French residence permission).
  if (ineligible) main.frenchResidencePermission = true;
  return people;
}
