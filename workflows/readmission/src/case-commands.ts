import { isOpaqueId } from '@oioo/contracts/workflow';
import { ageAllowsReadmission, correctedRequestAllowed, ruleClock } from '@oioo/domain';
import { CaseErrorCode, reject } from './case-errors';
import { type CaseSnapshot, close, isClosed, moveTo, record } from './case-state';
import type {
  ConfirmHandoverInput,
  DecideSelectionInput,
  ProposeInadmissibilityInput,
  ProposeRemovalDirectionsInput,
  ReadmissionCaseState,
  RecordAgeAssessmentInput,
  RecordBoardingInput,
  RecordDetentionInput,
  RecordFranceReplyInput,
  RecordScreeningInput,
  ReviewProposalInput,
  StepResult,
  SubmitCorrectedRequestInput,
} from './definitions';

/**
 * One step a caseworker or an agency takes on a case. `check` refuses it (in the update's validator,
 * so a refused step leaves no trace in history); `apply` carries it out and returns the new state.
 */
export interface CaseCommand<Input extends { commandId: string }> {
  step: string;
  /** Caseworker steps need an authorised person and stop on a legal hold; agency facts are recorded whatever the hold. */
  byCaseworker: boolean;
  check(snapshot: CaseSnapshot, input: Input, now: Date): void;
  apply(snapshot: CaseSnapshot, input: Input, now: Date): StepResult;
}

/** Refuses malformed input with a sentence naming the field. Plain checks: no schema is built per workflow. */
function requireText(value: unknown, field: string, max = 2000): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    reject(CaseErrorCode.InvalidInput, `${field} must be a non-empty text of at most ${max} characters`);
  }
}

function requireState(snapshot: CaseSnapshot, allowed: ReadmissionCaseState, step: string): void {
  if (snapshot.state !== allowed) {
    reject(CaseErrorCode.InvalidState, `${step} applies to a case in state ${allowed}; this case is in state ${snapshot.state}`);
  }
}

/** Validates a step: shape, then replay of a known command id, then the case's state (in that order, so a retry always succeeds). */
export function checkCommand<Input extends { commandId: string; actor?: string }>(
  snapshot: CaseSnapshot,
  command: CaseCommand<Input>,
  input: Input,
  now: Date,
): void {
  if (typeof input !== 'object' || input === null) reject(CaseErrorCode.InvalidInput, `${command.step} needs an input object`);
  requireText(input.commandId, 'commandId', 128);
  const known = snapshot.commands[input.commandId];
  if (known) {
    if (known.step !== command.step) reject(CaseErrorCode.CommandIdReused, `command id ${input.commandId} was already used for ${known.step}`);
    return;
  }
  if (command.byCaseworker && (typeof input.actor !== 'string' || !isOpaqueId(input.actor))) {
    reject(CaseErrorCode.InvalidInput, 'actor must be the opaque id of an authorised person, such as cw_01J9ZQ4X7K3M');
  }
  if (isClosed(snapshot)) reject(CaseErrorCode.CaseClosed, `the case has ended (${snapshot.state})`);
  if (command.byCaseworker && snapshot.holds.length > 0) {
    reject(CaseErrorCode.OnHold, `R7: the case is on hold (${snapshot.holds.map((hold) => `${hold.kind} ${hold.reference}`).join(', ')}) until the hold is released`);
  }
  command.check(snapshot, input, now);
}

/** Carries out a validated step once; a repeated command id returns the first result unchanged. */
export function runCommand<Input extends { commandId: string }>(snapshot: CaseSnapshot, command: CaseCommand<Input>, input: Input, now: Date): StepResult {
  const known = snapshot.commands[input.commandId];
  if (known) return known.result;
  const result = command.apply(snapshot, input, now);
  snapshot.commands[input.commandId] = { step: command.step, result };
  return result;
}

/** S1: a second, different authorised person approves what the first proposed. */
function checkSecondPerson(snapshot: CaseSnapshot, input: ReviewProposalInput, kind: 'inadmissibility' | 'removal-directions'): void {
  requireText(input.reason, 'reason');
  if (snapshot.proposal?.kind !== kind) reject(CaseErrorCode.InvalidState, `there is no ${kind} proposal to review`);
  if (snapshot.proposal.proposer === input.actor) {
    reject(CaseErrorCode.SamePersonApproval, `S1: ${input.actor} proposed this ${kind} decision and cannot also approve it; a different authorised person must`);
  }
}

/** R2: screening by an authorised officer; a disputed age waits for an assessment, an unaccompanied minor is excluded. */
export const recordScreening: CaseCommand<RecordScreeningInput> = {
  step: 'recordScreening',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'screening', this.step);
    if (!['adult', 'accompanied-minor', 'unaccompanied-minor', 'disputed'].includes(input.age)) {
      reject(CaseErrorCode.InvalidInput, 'age must be adult, accompanied-minor, unaccompanied-minor or disputed');
    }
    if (!Array.isArray(input.vulnerabilities)) reject(CaseErrorCode.InvalidInput, 'vulnerabilities must be a list (empty when none)');
  },
  apply(snapshot, input, now) {
    record(snapshot, now, 'screened', input.actor, `age ${input.age}; vulnerabilities: ${input.vulnerabilities.join(', ') || 'none'}`);
    if (input.age === 'disputed') return moveTo(snapshot, 'age-assessment', now, input.actor, 'R2: a disputed age is resolved by an age assessment before any request');
    return afterAge(snapshot, input.age, now, input.actor);
  },
};

/** R2: the assessment that resolves a disputed age. */
export const recordAgeAssessment: CaseCommand<RecordAgeAssessmentInput> = {
  step: 'recordAgeAssessment',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'age-assessment', this.step);
    requireText(input.assessmentReference, 'assessmentReference', 128);
    if (!['adult', 'accompanied-minor', 'unaccompanied-minor'].includes(input.outcome)) {
      reject(CaseErrorCode.InvalidInput, 'outcome must be adult, accompanied-minor or unaccompanied-minor');
    }
  },
  apply(snapshot, input, now) {
    record(snapshot, now, 'age-assessed', input.actor, `age assessment outcome ${input.outcome}`, [`age-assessment:${input.assessmentReference}`]);
    return afterAge(snapshot, input.outcome, now, input.actor);
  },
};

function afterAge(snapshot: CaseSnapshot, age: RecordAgeAssessmentInput['outcome'], now: Date, actor: string): StepResult {
  const verdict = ageAllowsReadmission(age);
  if (!verdict.allowed) return close(snapshot, 'excluded', now, actor, verdict.reason);
  return moveTo(snapshot, 'awaiting-selection', now, actor, `R2: ${age} confirmed by an authorised officer`);
}

/** Selection for the pilot; a person not selected goes to the domestic process. */
export const decideSelection: CaseCommand<DecideSelectionInput> = {
  step: 'decideSelection',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'awaiting-selection', this.step);
    requireText(input.reason, 'reason');
    if (typeof input.selected !== 'boolean') reject(CaseErrorCode.InvalidInput, 'selected must be true or false');
  },
  apply(snapshot, input, now) {
    if (!input.selected) return close(snapshot, 'not-selected', now, input.actor, `not selected for the pilot: ${input.reason}`);
    return moveTo(snapshot, 'awaiting-detention', now, input.actor, `selected for the pilot: ${input.reason}`);
  },
};

/** Detention under the pilot. */
export const recordDetention: CaseCommand<RecordDetentionInput> = {
  step: 'recordDetention',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'awaiting-detention', this.step);
    requireText(input.facility, 'facility', 200);
  },
  apply(snapshot, input, now) {
    return moveTo(snapshot, 'inadmissibility-review', now, input.actor, `detained at ${input.facility}`);
  },
};

/** S1: the inadmissibility decision, proposed. */
export const proposeInadmissibility: CaseCommand<ProposeInadmissibilityInput> = {
  step: 'proposeInadmissibility',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'inadmissibility-review', this.step);
    requireText(input.reasons, 'reasons');
    if (input.decision !== 'inadmissible' && input.decision !== 'admissible') reject(CaseErrorCode.InvalidInput, 'decision must be inadmissible or admissible');
    if (!Array.isArray(input.evidence)) reject(CaseErrorCode.InvalidInput, 'evidence must be a list of references');
  },
  apply(snapshot, input, now) {
    snapshot.proposal = { kind: 'inadmissibility', proposer: input.actor, decision: input.decision, reasons: input.reasons, evidence: input.evidence };
    return moveTo(snapshot, 'inadmissibility-approval', now, input.actor, `proposed: claim ${input.decision}; ${input.reasons}`, input.evidence);
  },
};

/** S1: the inadmissibility decision, approved (it then stands, S2) or sent back by a second person. */
export const reviewInadmissibility: CaseCommand<ReviewProposalInput> = {
  step: 'reviewInadmissibility',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'inadmissibility-approval', this.step);
    checkSecondPerson(snapshot, input, 'inadmissibility');
  },
  apply(snapshot, input, now) {
    const proposal = snapshot.proposal as CaseSnapshot['proposal'] & object;
    snapshot.proposal = undefined;
    if (!input.approve) return moveTo(snapshot, 'inadmissibility-review', now, input.actor, `proposal sent back: ${input.reason}`);
    record(snapshot, now, 'decision:inadmissibility', input.actor, `S1: approved the decision of ${proposal.proposer} that the claim is ${proposal.decision}: ${proposal.reasons}`, proposal.evidence);
    if (proposal.decision === 'admissible') return close(snapshot, 'claim-admitted', now, input.actor, 'the claim is admissible; it goes to the domestic asylum process');
    return moveTo(snapshot, 'request-pending', now, 'workflow', 'the claim is inadmissible; the readmission request goes to France');
  },
};

/** R10: a corrected request after France refused, only while R3's 14 days still run. */
export const submitCorrectedRequest: CaseCommand<SubmitCorrectedRequestInput> = {
  step: 'submitCorrectedRequest',
  byCaseworker: true,
  check(snapshot, input, now) {
    requireState(snapshot, 'refused-correctable', this.step);
    requireText(input.corrections, 'corrections');
    if (!snapshot.requestDeadline || !correctedRequestAllowed(now, new Date(snapshot.requestDeadline))) {
      reject(CaseErrorCode.CorrectionTooLate, `R10: a corrected request is allowed only until ${snapshot.requestDeadline} (R3)`);
    }
  },
  apply(snapshot, input, now) {
    return moveTo(snapshot, 'request-pending', now, input.actor, `R10: corrected request: ${input.corrections}`);
  },
};

/** S1: removal directions, proposed. */
export const proposeRemovalDirections: CaseCommand<ProposeRemovalDirectionsInput> = {
  step: 'proposeRemovalDirections',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'removal-directions', this.step);
    requireText(input.reasons, 'reasons');
  },
  apply(snapshot, input, now) {
    snapshot.proposal = { kind: 'removal-directions', proposer: input.actor, reasons: input.reasons, evidence: [] };
    return moveTo(snapshot, 'removal-directions-approval', now, input.actor, `removal directions proposed: ${input.reasons}`);
  },
};

/** S1 and R8: removal directions approved by a second person and served now; the transfer waits out the notice. */
export const reviewRemovalDirections: CaseCommand<ReviewProposalInput> = {
  step: 'reviewRemovalDirections',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, 'removal-directions-approval', this.step);
    checkSecondPerson(snapshot, input, 'removal-directions');
  },
  apply(snapshot, input, now) {
    const proposal = snapshot.proposal as CaseSnapshot['proposal'] & object;
    snapshot.proposal = undefined;
    if (!input.approve) return moveTo(snapshot, 'removal-directions', now, input.actor, `removal directions sent back: ${input.reason}`);
    snapshot.directionsServedAt = now.toISOString();
    record(snapshot, now, 'decision:removal-directions', input.actor, `S1: approved the removal directions proposed by ${proposal.proposer}; served now`);
    return moveTo(snapshot, 'awaiting-movement', now, 'workflow', `R8: at least ${snapshot.policy.noticeDays} days' notice before the transfer`);
  },
};

/** R4 and R10: France's reply to the current request. A reply with no request awaiting it is refused. */
export const recordFranceReply: CaseCommand<RecordFranceReplyInput> = {
  step: 'recordFranceReply',
  byCaseworker: false,
  check(snapshot, input) {
    if (snapshot.state !== 'awaiting-reply' || !snapshot.request) {
      reject(CaseErrorCode.InvalidState, `no readmission request is awaiting France's reply (the case is in state ${snapshot.state})`);
    }
    if (input.requestReference !== snapshot.request.reference) {
      reject(CaseErrorCode.InvalidState, `the reply is to request ${input.requestReference}, but the request awaiting a reply is ${snapshot.request.reference}`);
    }
    if (!['accepted', 'refused', 'extended'].includes(input.kind)) reject(CaseErrorCode.InvalidInput, 'kind must be accepted, refused or extended');
    if (input.kind === 'extended' && snapshot.request.extended) reject(CaseErrorCode.InvalidState, 'R4: France has already extended its reply to 28 days');
  },
  apply(snapshot, input, now) {
    const request = snapshot.request as NonNullable<CaseSnapshot['request']>;
    const by = 'system:fr-ministry-interior';
    if (input.kind === 'extended') {
      request.extended = true;
      record(snapshot, now, 'france-extended-reply', by, `R4: France extended its reply to ${snapshot.policy.extendedReplyDays} days`, [`request:${request.reference}`]);
      return { state: snapshot.state };
    }
    if (input.kind === 'accepted') return moveTo(snapshot, 'removal-directions', now, by, 'France accepted the readmission request', [`request:${request.reference}`]);
    const why = `R10: France refused (${input.ground ?? 'no ground given'})`;
    // R3 is read from the rule clock: the loop closes a refused-correctable case when R3's timer fires.
    if (snapshot.requestDeadline && correctedRequestAllowed(ruleClock(snapshot, now), new Date(snapshot.requestDeadline))) {
      return moveTo(snapshot, 'refused-correctable', now, by, `${why}; a corrected request is possible until ${snapshot.requestDeadline}`, [`request:${request.reference}`]);
    }
    return close(snapshot, 'refused-by-france', now, by, `${why}; R3's 14 days have run out, so the readmission ends`);
  },
};

/** R9: boarding at the movement; a no-show sends the case back to be rescheduled. */
export const recordBoarding: CaseCommand<RecordBoardingInput> = {
  step: 'recordBoarding',
  byCaseworker: false,
  check(snapshot, input) {
    requireState(snapshot, 'cleared-for-transfer', this.step);
    if (snapshot.movement?.movementId !== input.movementId) reject(CaseErrorCode.InvalidState, `the case is booked on ${snapshot.movement?.movementId}, not ${input.movementId}`);
    if (input.outcome !== 'boarded' && input.outcome !== 'no-show') reject(CaseErrorCode.InvalidInput, 'outcome must be boarded or no-show');
  },
  apply(snapshot, input, now) {
    if (input.outcome === 'boarded') return moveTo(snapshot, 'in-transit', now, 'system:uk-transport', `boarded movement ${input.movementId}`);
    snapshot.movement = undefined;
    return moveTo(snapshot, 'awaiting-movement', now, 'system:uk-transport', `no-show at movement ${input.movementId}; to be rescheduled`);
  },
};

/** R9 and Q1: France's confirmation of the handover completes the readmission. */
export const confirmHandover: CaseCommand<ConfirmHandoverInput> = {
  step: 'confirmHandover',
  byCaseworker: false,
  check(snapshot, input) {
    requireState(snapshot, 'in-transit', this.step);
    if (snapshot.movement?.movementId !== input.movementId) reject(CaseErrorCode.InvalidState, `the person travelled on ${snapshot.movement?.movementId}, not ${input.movementId}`);
    requireText(input.handoverReference, 'handoverReference', 128);
  },
  apply(snapshot, input, now) {
    snapshot.handover = { reference: input.handoverReference, confirmedAt: input.confirmedAt };
    return close(snapshot, 'transferred', now, 'system:fr-ministry-interior', `R9: France confirmed the handover at ${snapshot.policy.entryPoint}`);
  },
};
