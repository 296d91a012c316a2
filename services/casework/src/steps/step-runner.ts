import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { type PersonCaller, ProblemError, problemOf } from '@oioo/auth';
import { ledgerWorkflowId } from '@oioo/contracts';
import { TEMPORAL_CLIENT, executeWorkflowUpdate } from '@oioo/temporal';
import { rolesReaching } from '../access/case-access';
import type { StepRoute } from '../api/routes';
import { caseNotFound, caseRefOf } from '../cases/case-ref';
import { CaseDirectory } from '../cases/case-directory';
import { CASEWORK_CONFIG, type CaseworkConfig } from '../config/casework-config';
import { StaffDirectory } from '../consultations/staff-directory.repository';
import { DecisionLog } from './decision-log.repository';
import { IdempotencyStore } from './idempotency.repository';
import { parseWith, refuseSelfDeclaredActor } from './request-parsing';

/** What a step answers: a status and a body (a result, or a problem document), and whether it is a replay. */
export interface StepAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** The parts of a request a step reads. */
export interface StepRequest {
  params: Record<string, string | undefined>;
  body: unknown;
  idempotencyKey: string | undefined;
  caller: PersonCaller;
}

const KEY_SHAPE = /^[A-Za-z0-9._:-]{8,100}$/;
/** Refusals about the request itself are 422; refusals because of where the case stands are 409. */
const UNPROCESSABLE = new Set(['INVALID_INPUT', 'COMMAND_ID_REUSED']);

/**
 * Runs a human step: checks the key and the body, finds the case and whether the caller reaches it,
 * then sends the workflow its Update with the verified caller as actor and a command id made from the
 * caller and their Idempotency-Key. The workflow returns the first result for a repeated command id;
 * this store adds the first answer to a refused one, and catches a key reused for another request.
 */
@Injectable()
export class StepRunner {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly directory: CaseDirectory,
    private readonly keys: IdempotencyStore,
    private readonly staff: StaffDirectory,
    private readonly decisions: DecisionLog,
    @Inject(CASEWORK_CONFIG) private readonly config: CaseworkConfig,
  ) {}

  async run(route: StepRoute, request: StepRequest): Promise<StepAnswer> {
    const { caller } = request;
    refuseSelfDeclaredActor(request.body);
    const key = requireKey(request.idempotencyKey);
    const body = parseWith(route.body, request.body, 'body') as Record<string, unknown>;
    const workflowId = await this.targetOf(route, request);
    const commandId = `cmd_${sha256(`${caller.actorId}\n${key}`).slice(0, 32)}`;
    const requestHash = sha256(JSON.stringify([route.operationId, workflowId, body]));
    const claimed = await this.keys.claim(caller.actorId, key, { operationId: route.operationId, targetId: workflowId, requestHash, commandId });
    if (claimed.requestHash !== requestHash) {
      throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request; use a new key for a new request');
    }
    if (claimed.response) return { ...claimed.response, replayed: true };

    await this.staff.remember(caller);
    const input = { ...body, commandId, actor: caller.actorId };
    const outcome = await executeWorkflowUpdate(this.temporal.workflow.getHandle(workflowId), route.update, input);
    const answer =
      outcome.kind === 'accepted'
        ? { status: HttpStatus.OK, body: { ...stateOf(outcome.result), commandId, result: outcome.result as Record<string, unknown> } }
        : outcome.kind === 'refused'
          ? refusal(UNPROCESSABLE.has(outcome.code ?? '') ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT, outcome.code ?? 'REFUSED', outcome.reason)
          : route.target === 'ledger'
            ? refusal(HttpStatus.NOT_FOUND, 'LEDGER_NOT_FOUND', `the ledger of pilot ${this.config.pilotId} is not running`)
            : refusal(HttpStatus.CONFLICT, 'CASE_CLOSED', 'the case has ended; no step can be taken on it');
    // S2: recorded before the key completes, so a failure here leaves the step to be retried (and recorded) with the same key.
    await this.decisions.record(caller, { step: route.operationId, caseKind: route.target, workflowId, commandId, body, status: answer.status, outcome: outcomeOf(answer) });
    await this.keys.complete(caller.actorId, key, answer);
    return { ...answer, replayed: false };
  }

  /** The workflow the step goes to, once the caller is known to reach it (a case out of reach is not found). */
  private async targetOf(route: StepRoute, request: StepRequest): Promise<string> {
    if (route.target === 'ledger') return ledgerWorkflowId(this.config.pilotId);
    const kind = route.target === 'eoi' ? 'eoi' : 'readmission';
    const ref = caseRefOf(kind, request.params[kind === 'eoi' ? 'eoiId' : 'caseId']);
    const found = await this.directory.find(ref);
    if (!found || rolesReaching(request.caller, found, route.roles).length === 0) throw caseNotFound(ref);
    return ref.workflowId;
  }
}

function requireKey(key: string | undefined): string {
  if (key === undefined) {
    throw new ProblemError(HttpStatus.BAD_REQUEST, 'IDEMPOTENCY_KEY_REQUIRED', 'a step needs an Idempotency-Key header (a new random value per step, the same one on a retry)', [
      { field: 'Idempotency-Key', message: 'is required' },
    ]);
  }
  if (!KEY_SHAPE.test(key)) {
    throw new ProblemError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', 'the Idempotency-Key must be 8 to 100 letters, digits, dots, dashes, underscores or colons', [
      { field: 'Idempotency-Key', message: 'has the wrong shape' },
    ]);
  }
  return key;
}

function refusal(status: number, code: string, detail: string): { status: number; body: unknown } {
  return { status, body: problemOf(status, code, detail) };
}

/** `accepted`, or the code of the problem the step was refused with. */
function outcomeOf(answer: { status: number; body: unknown }): string {
  if (answer.status === HttpStatus.OK) return 'accepted';
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : `http-${answer.status}`;
}

function stateOf(result: unknown): { state?: string } {
  const state = (result as { state?: unknown } | undefined)?.state;
  return typeof state === 'string' ? { state } : {};
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
