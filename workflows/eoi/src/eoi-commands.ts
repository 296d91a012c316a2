import { isOpaqueId } from '@oioo/contracts/workflow';
import type {
  EoiCaseState,
  EoiStepResult,
  ProposeDecisionInput,
  RecordArrivalInput,
  ReviewDecisionInput,
  RevokeGrantInput,
  WithdrawEoiInput,
} from './definitions';
import { EoiErrorCode, reject } from './eoi-errors';
import { grantIssued } from './eoi-facts';
import { type EoiSnapshot, close, isClosed, moveTo, record } from './eoi-state';

/**
 * One step a caseworker or an agency takes on an EOI case. `check` refuses it (in the update's validator,
 * so a refused step leaves no trace in history); `apply` carries it out and returns the new state.
 */
export interface EoiCommand<Input extends { commandId: string }> {
  step: string;
  /** Caseworker steps need an authorised person; agency facts (an arrival) do not. */
  byCaseworker: boolean;
  check(snapshot: EoiSnapshot, input: Input, now: Date): void;
  apply(snapshot: EoiSnapshot, input: Input, now: Date): EoiStepResult;
}

/** Refuses malformed input with a sentence naming the field. Plain checks: no schema is built per workflow. */
function requireText(value: unknown, field: string, max = 2000): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    reject(EoiErrorCode.InvalidInput, `${field} must be a non-empty text of at most ${max} characters`);
  }
}

function requireState(snapshot: EoiSnapshot, allowed: readonly EoiCaseState[], step: string): void {
  if (!allowed.includes(snapshot.state)) {
    reject(EoiErrorCode.InvalidState, `${step} applies to an EOI in state ${allowed.join(' or ')}; this one is in state ${snapshot.state}`);
  }
}

/** Validates a step: shape, then replay of a known command id, then the case's state (in that order, so a retry always succeeds). */
export function checkCommand<Input extends { commandId: string; actor?: string }>(snapshot: EoiSnapshot, command: EoiCommand<Input>, input: Input, now: Date): void {
  if (typeof input !== 'object' || input === null) reject(EoiErrorCode.InvalidInput, `${command.step} needs an input object`);
  requireText(input.commandId, 'commandId', 128);
  const known = snapshot.commands[input.commandId];
  if (known) {
    if (known.step !== command.step) reject(EoiErrorCode.CommandIdReused, `command id ${input.commandId} was already used for ${known.step}`);
    return;
  }
  if (command.byCaseworker && (typeof input.actor !== 'string' || !isOpaqueId(input.actor))) {
    reject(EoiErrorCode.InvalidInput, 'actor must be the opaque id of an authorised person, such as cw_01J9ZQ4X7K3M');
  }
  if (isClosed(snapshot)) reject(EoiErrorCode.CaseClosed, `the EOI case has ended (${snapshot.state}): ${snapshot.outcome?.reason ?? ''}`);
  command.check(snapshot, input, now);
}

/** Carries out a validated step once; a repeated command id returns the first result unchanged. */
export function runCommand<Input extends { commandId: string }>(snapshot: EoiSnapshot, command: EoiCommand<Input>, input: Input, now: Date): EoiStepResult {
  const known = snapshot.commands[input.commandId];
  if (known) return known.result;
  const result = command.apply(snapshot, input, now);
  snapshot.commands[input.commandId] = { step: command.step, result };
  return result;
}

/** States in which the EOI may still be withdrawn: any before the grant. */
const WITHDRAWABLE: readonly EoiCaseState[] = ['awaiting-presence', 'held', 'invited', 'security-checks', 'decision', 'decision-approval'];

/** The applicant withdrew, or a caseworker closed the EOI before a grant; held or released places go back (E6, Q6). */
export const withdrawEoi: EoiCommand<WithdrawEoiInput> = {
  step: 'withdrawEoi',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, WITHDRAWABLE, this.step);
    requireText(input.reason, 'reason');
  },
  apply: (snapshot, input, now) => close(snapshot, 'withdrawn', now, input.actor, `withdrawn: ${input.reason}`),
};

/** S1: one authorised person proposes the decision. */
export const proposeDecision: EoiCommand<ProposeDecisionInput> = {
  step: 'proposeDecision',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, ['decision'], this.step);
    if (input.decision !== 'grant' && input.decision !== 'refuse') reject(EoiErrorCode.InvalidInput, 'decision must be grant or refuse');
    requireText(input.reasons, 'reasons');
    if (!Array.isArray(input.evidence) || input.evidence.some((item) => typeof item !== 'string')) {
      reject(EoiErrorCode.InvalidInput, 'evidence must be a list of references (empty when none)');
    }
  },
  apply(snapshot, input, now) {
    snapshot.proposal = { decision: input.decision, proposer: input.actor, reasons: input.reasons, evidence: [...input.evidence] };
    record(snapshot, now, `${input.decision}-proposed`, input.actor, input.reasons, input.evidence);
    return moveTo(snapshot, 'decision-approval', now, input.actor, `S1: a ${input.decision} proposed; a different authorised person approves it`);
  },
};

/** S1: a second, different authorised person approves the proposal (then it takes effect) or sends it back. */
export const reviewDecision: EoiCommand<ReviewDecisionInput> = {
  step: 'reviewDecision',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, ['decision-approval'], this.step);
    requireText(input.reason, 'reason');
    if (typeof input.approve !== 'boolean') reject(EoiErrorCode.InvalidInput, 'approve must be true or false');
    if (snapshot.proposal?.proposer === input.actor) {
      reject(EoiErrorCode.SamePersonApproval, `S1: ${input.actor} proposed this decision and cannot also approve it; a different authorised person must`);
    }
  },
  apply(snapshot, input, now) {
    const proposal = snapshot.proposal as NonNullable<EoiSnapshot['proposal']>;
    snapshot.proposal = undefined;
    if (!input.approve) {
      record(snapshot, now, `${proposal.decision}-sent-back`, input.actor, input.reason);
      return moveTo(snapshot, 'decision', now, input.actor, `S1: the proposal to ${proposal.decision} was sent back: ${input.reason}`);
    }
    record(snapshot, now, `${proposal.decision}-approved`, input.actor, `S1: approved the ${proposal.decision} proposed by ${proposal.proposer}: ${input.reason}`, proposal.evidence);
    if (proposal.decision === 'refuse') return close(snapshot, 'refused', now, input.actor, `refused: ${proposal.reasons}`);
    grantIssued(snapshot, now, input.actor, `E7: granted (proposed by ${proposal.proposer}, approved by ${input.actor})`);
    return { state: snapshot.state };
  },
};

/** Q6: a grant revoked before everyone used it; the unused places go back. */
export const revokeGrant: EoiCommand<RevokeGrantInput> = {
  step: 'revokeGrant',
  byCaseworker: true,
  check(snapshot, input) {
    requireState(snapshot, ['granted'], this.step);
    requireText(input.reason, 'reason');
  },
  apply: (snapshot, input, now) => close(snapshot, 'revoked', now, input.actor, `Q6: grant revoked: ${input.reason}`),
};

/** E8: a person arrived at the UK border under the grant; refused when no valid grant of this EOI covers them. */
export const recordArrival: EoiCommand<RecordArrivalInput> = {
  step: 'recordArrival',
  byCaseworker: false,
  check(snapshot, input) {
    requireText(input.personId, 'personId', 64);
    requireText(input.port, 'port', 64);
    if (Number.isNaN(new Date(input.arrivedAt).getTime())) reject(EoiErrorCode.InvalidInput, 'arrivedAt must be an ISO 8601 instant');
    const person = snapshot.people.find((candidate) => candidate.personId === input.personId);
    if (!person) reject(EoiErrorCode.UnknownPerson, `E8: ${input.personId} is not in this EOI`);
    if (snapshot.state !== 'granted' || !snapshot.grant) {
      reject(EoiErrorCode.NoGrant, `E8: an arrival under this EOI has no grant to count against (the case is ${snapshot.state})`);
    }
    if (person.arrivedAt) reject(EoiErrorCode.InvalidState, `E8: ${input.personId} already arrived at ${person.arrivedAt}`);
  },
  apply(snapshot, input, now) {
    const person = snapshot.people.find((candidate) => candidate.personId === input.personId) as EoiSnapshot['people'][number];
    person.arrivedAt = new Date(input.arrivedAt).toISOString();
    snapshot.admissionsOutbox.push({ commandId: input.commandId, personId: input.personId, arrivedAt: person.arrivedAt });
    record(snapshot, now, 'arrived', 'uk-border-force', `E8: ${input.personId} arrived at ${input.port}`, [`event:${input.commandId}`, ...(input.travelReference ? [`travel:${input.travelReference}`] : [])]);
    return { state: snapshot.state };
  },
};
