import { type ArrivalRecordedData, FRANCE_REFUSAL_GROUNDS, LEGAL_CHALLENGE_KINDS, Topics } from '@oioo/contracts';
import { awaitedReference, publishAction, stepAction } from './planned-actions';
import { type SeededPrng } from './seeded-prng';
import { DAY_MS, HOUR_MS, type SimTime } from './sim-time';
import { type ActionFlow, type PlannedAction } from './workload-actions';
import { type WorkloadMix } from './workload-options';

/** What the readmission planner needs from the generator. */
export interface ReadmissionPlanContext {
  mix: WorkloadMix;
  lifecycles: boolean;
  time: SimTime;
  /** Remembers arrival templates, so a later EOI can reuse one (E4: a prior irregular entry). */
  rememberTemplate(template: string): void;
}

/**
 * The life cycle of one small-boat arrival, as the agencies and caseworkers would live it (R1–R10, S1):
 * Border Force's record; screening (R2) and, for a disputed age, an assessment; selection, detention; the
 * inadmissibility decision by two people (S1), after which the platform sends the request (R3, within 14
 * days); sometimes a legal challenge (R7: caseworkers wait for its decision; upheld, the case ends);
 * France's reply (R4, R10: accept, refuse — sometimes corrected —, extend then accept, or silence);
 * removal directions by two people (S1, R8); boarding at the movement the platform books (R9), a no-show
 * boarding the next one; France's handover. Times are simulated offsets; each action is at or after the one
 * before it in the case.
 */
export function planReadmission(context: ReadmissionPlanContext, prng: SeededPrng, arrivalOffsetMs: number): PlannedAction[] {
  const { mix, time } = context;
  const caseId = prng.opaqueId('case');
  const personId = prng.opaqueId('per');
  const flow: ActionFlow = { kind: 'readmission', id: caseId };
  const actions: PlannedAction[] = [];
  const noEvidence = prng.chance(mix.noEvidence);
  const arrival: ArrivalRecordedData = {
    caseId,
    personId,
    arrivedAt: time.iso(arrivalOffsetMs),
    route: prng.chance(mix.rescue) ? 'search-and-rescue' : prng.chance(0.5) ? 'claimed-protection' : 'apprehended',
    departedFrom: 'FR',
    crossingEvidence: noEvidence
      ? []
      : [
          { kind: prng.chance(mix.rescue) ? 'rescue-record' : 'interception-record', reference: `BF-INT-${caseId.slice(5, 15)}` },
          { kind: 'biometric-capture', reference: `BF-BIO-${caseId.slice(5, 15)}` },
        ],
    biometricTemplate: `tpl-${prng.uuid()}`,
  };
  context.rememberTemplate(arrival.biometricTemplate);
  const arrivalAction = publishAction(prng, Topics.arrivalRecorded, {
    flow,
    step: 'arrival',
    simOffsetMs: arrivalOffsetMs,
    at: arrival.arrivedAt,
    source: 'uk-border-force',
    subject: caseId,
    data: arrival,
    dataTimePaths: [['arrivedAt']],
  });
  actions.push(arrivalAction);

  if (prng.chance(mix.duplicateRecord)) {
    // R11: a second record of the same crossing under a new case id; identity links it, so nothing follows it.
    const recordCaseId = prng.opaqueId('case');
    const at = arrivalOffsetMs + prng.uniform(0.2, 6) * HOUR_MS;
    actions.push(
      publishAction(prng, Topics.arrivalRecorded, {
        flow: { kind: 'readmission', id: recordCaseId },
        step: 'arrival-second-record',
        simOffsetMs: at,
        at: time.iso(at),
        source: 'uk-border-force',
        subject: recordCaseId,
        data: { ...arrival, caseId: recordCaseId, personId: prng.opaqueId('per') },
        dataTimePaths: [['arrivedAt']],
      }),
    );
  }
  // R1: without evidence of the crossing the case is excluded at intake; nothing follows.
  if (!context.lifecycles || noEvidence) return actions;

  let t = arrivalOffsetMs + prng.uniform(2, 36) * HOUR_MS;
  const step = (operation: Parameters<typeof stepAction>[1], name: string, expectState: string, body: Record<string, unknown>) =>
    actions.push(stepAction(prng, operation, { flow, step: name, simOffsetMs: t, expectState, body: body as never }));

  const ageRoll = prng.next();
  const age = ageRoll < mix.unaccompaniedMinor ? 'unaccompanied-minor' : ageRoll < mix.unaccompaniedMinor + mix.disputedAge ? 'disputed' : 'adult';
  step('recordScreening', 'screening', 'screening', { age, vulnerabilities: [] });
  if (age === 'unaccompanied-minor') return actions; // R2: excluded.
  if (age === 'disputed') {
    t += prng.uniform(1, 5) * DAY_MS;
    const adult = prng.chance(mix.disputedResolvedAdult);
    step('recordAgeAssessment', 'age-assessment', 'age-assessment', { outcome: adult ? 'adult' : 'unaccompanied-minor', assessmentReference: `AA-${caseId.slice(5, 15)}` });
    if (!adult) return actions;
  }
  t += prng.uniform(1, 24) * HOUR_MS;
  const selected = prng.chance(mix.selection);
  step('decideSelection', 'selection', 'awaiting-selection', { selected, reason: selected ? 'detention capacity available' : 'not selected this week' });
  if (!selected) return actions;
  t += prng.uniform(1, 12) * HOUR_MS;
  step('recordDetention', 'detention', 'awaiting-detention', { facility: 'IRC Harmondsworth' });
  t += prng.uniform(4, 72) * HOUR_MS;
  step('proposeInadmissibility', 'inadmissibility-proposal', 'inadmissibility-review', { decision: 'inadmissible', reasons: 'arrived directly from France, a safe country', evidence: ['doc:crossing-bundle'] });
  t += prng.uniform(1, 24) * HOUR_MS;
  step('reviewInadmissibility', 'inadmissibility-review', 'inadmissibility-approval', { approve: true, reason: 'agreed' });
  // The platform sends the first request to France once the decision is approved (R3: well inside 14 days here).
  const requestAt = t + prng.uniform(0.05, 1) * HOUR_MS;

  // R7: a challenge holds the case; caseworkers can take no step until it is decided, and an upheld one ends it.
  let holdUntil = 0;
  let endsAt = Number.POSITIVE_INFINITY;
  if (prng.chance(mix.challenge)) {
    const challengeId = prng.opaqueId('chl');
    const kind = prng.pick(LEGAL_CHALLENGE_KINDS);
    const source = kind === 'trafficking-referral' ? 'uk-nrm' : 'uk-courts';
    const lodged = requestAt + prng.uniform(0, 4) * DAY_MS;
    const decided = lodged + prng.uniform(3, 20) * DAY_MS;
    const upheld = prng.chance(mix.challengeUpheld);
    actions.push(
      publishAction(prng, Topics.challengeLodged, {
        flow, step: 'challenge-lodged', simOffsetMs: lodged, at: time.iso(lodged), source, subject: caseId,
        data: { challengeId, caseId, personId, kind, lodgedAt: time.iso(lodged) }, dataTimePaths: [['lodgedAt']],
      }),
      publishAction(prng, Topics.challengeDecided, {
        flow, step: 'challenge-decided', simOffsetMs: decided, at: time.iso(decided), source, subject: caseId,
        data: { challengeId, caseId, outcome: upheld ? 'upheld' : 'dismissed', decidedAt: time.iso(decided) }, dataTimePaths: [['decidedAt']],
      }),
    );
    holdUntil = decided + HOUR_MS;
    if (upheld) endsAt = decided;
  }

  const reply = (requestNumber: number, at: number, kind: 'accepted' | 'refused' | 'extended', name: string) => {
    if (at >= endsAt) return false;
    actions.push(
      publishAction(prng, Topics.franceReplied, {
        flow, step: name, simOffsetMs: at, at: time.iso(at), source: 'fr-ministry-interior', subject: caseId,
        data: { requestReference: awaitedReference('req', caseId), caseId, kind, ...(kind === 'refused' ? { ground: prng.pick(FRANCE_REFUSAL_GROUNDS) } : {}) },
        awaits: { fact: 'readmission-request', topic: Topics.readmissionRequestSent.name, caseId, requestNumber },
        bindings: [{ path: ['requestReference'], from: 'requestReference' }],
      }),
    );
    return true;
  };

  const roll = prng.next();
  let acceptedAt: number;
  const replyAt = requestAt + prng.uniform(1, 10) * DAY_MS;
  if (roll < mix.franceAccept) {
    if (!reply(1, replyAt, 'accepted', 'france-reply')) return actions;
    acceptedAt = replyAt;
  } else if (roll < mix.franceAccept + mix.franceRefuse) {
    if (!reply(1, replyAt, 'refused', 'france-reply')) return actions;
    // R10: a correction only while R3's 14 days run (a day of margin for the platform's own latency).
    const correctionAt = replyAt + prng.uniform(1, 12) * HOUR_MS;
    if (!prng.chance(mix.correctedAfterRefusal) || correctionAt > arrivalOffsetMs + 13 * DAY_MS || correctionAt < holdUntil || correctionAt >= endsAt) return actions;
    t = correctionAt;
    step('submitCorrectedRequest', 'corrected-request', 'refused-correctable', { corrections: 'crossing evidence re-sent' });
    acceptedAt = correctionAt + prng.uniform(1, 5) * DAY_MS;
    if (!reply(2, acceptedAt, 'accepted', 'france-reply-to-correction')) return actions;
  } else if (roll < mix.franceAccept + mix.franceRefuse + mix.franceExtend) {
    // R4: an extension to 28 days, then an acceptance inside it.
    if (!reply(1, Math.min(replyAt, requestAt + 12 * DAY_MS), 'extended', 'france-extension')) return actions;
    acceptedAt = requestAt + prng.uniform(15, 27) * DAY_MS;
    if (!reply(1, acceptedAt, 'accepted', 'france-reply')) return actions;
  } else {
    return actions; // Silence: R4 escalates to the liaison desk at the deadline.
  }
  if (endsAt !== Number.POSITIVE_INFINITY) return actions;

  t = Math.max(acceptedAt, holdUntil) + prng.uniform(1, 48) * HOUR_MS;
  step('proposeRemovalDirections', 'removal-directions-proposal', 'removal-directions', { reasons: 'France accepted the request' });
  t += prng.uniform(1, 24) * HOUR_MS;
  step('reviewRemovalDirections', 'removal-directions-review', 'removal-directions-approval', { approve: true, reason: 'agreed' });

  // R8, R9: the platform books a movement at least 5 days on; escorts record boarding at its departure.
  let boardingAt = t + prng.uniform(5, 9) * DAY_MS;
  for (let attempt = 1; ; attempt += 1) {
    const boarded = attempt > 1 || !prng.chance(mix.noShow);
    const manifest = { fact: 'manifest', topic: Topics.manifestNotified.name, caseId, attempt } as const;
    const movementId = awaitedReference('mov', caseId);
    actions.push(
      publishAction(prng, Topics.boardingRecorded, {
        flow, step: boarded ? 'boarding' : 'boarding-no-show', simOffsetMs: boardingAt, at: time.iso(boardingAt), source: 'uk-escorts', subject: caseId,
        data: { movementId, caseId, outcome: boarded ? 'boarded' : 'no-show', recordedAt: time.iso(boardingAt) },
        dataTimePaths: [['recordedAt']], awaits: manifest, bindings: [{ path: ['movementId'], from: 'movementId' }],
      }),
    );
    if (!boarded) {
      boardingAt += prng.uniform(3, 7) * DAY_MS;
      continue;
    }
    const handoverAt = boardingAt + prng.uniform(2, 4) * HOUR_MS;
    actions.push(
      publishAction(prng, Topics.handoverConfirmed, {
        flow, step: 'handover', simOffsetMs: handoverAt, at: time.iso(handoverAt), source: 'fr-ministry-interior', subject: caseId,
        data: { handoverReference: prng.opaqueId('hov'), movementId, caseId, confirmedAt: time.iso(handoverAt) },
        dataTimePaths: [['confirmedAt']], awaits: manifest, bindings: [{ path: ['movementId'], from: 'movementId' }],
      }),
    );
    return actions;
  }
}
