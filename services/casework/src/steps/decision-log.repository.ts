import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PersonCaller } from '@oioo/auth';
import { type CanonicalValue, DATABASE, type Database, appendChained, canonicalJson } from '@oioo/database';

/** The audit stream (and table) of human steps. */
export const DECISIONS_STREAM = 'decisions';

/** One human step as the decisions stream records it. */
export interface DecisionRecord {
  /** The route's operationId (`reviewInadmissibility`, ...). */
  step: string;
  caseKind: string;
  workflowId: string;
  commandId: string;
  /** The parsed body the workflow received. */
  body: Record<string, unknown>;
  status: number;
  /** `accepted`, or the refusal's code. */
  outcome: string;
}

/**
 * S2: the decisions stream, hash-chained and append-only (migration 0003): who took which step on which case,
 * when, the choices made (enumerations and yes/no answers), the evidence references, and how it ended. Free
 * text (reasons, corrections, facilities) may name people, so it stays in the case's history; the entry keeps
 * the SHA-256 of the whole body instead, which proves what was decided without copying it.
 */
@Injectable()
export class DecisionLog {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Appends the step `caller` took; called once per definitive answer, never for a replay. */
  async record(caller: PersonCaller, decision: DecisionRecord): Promise<void> {
    const body = decision.body as Record<string, CanonicalValue>;
    await appendChained(this.db, DECISIONS_STREAM, {
      actor_id: caller.actorId,
      actor_name: caller.name,
      roles: [...caller.roles],
      step: decision.step,
      case_kind: decision.caseKind,
      workflow_id: decision.workflowId,
      command_id: decision.commandId,
      choices: choicesOf(body),
      evidence: evidenceOf(body),
      body_sha256: createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex'),
      status: decision.status,
      outcome: decision.outcome,
    });
  }
}

/** The yes/no answers and enumerated choices of a body (`approve`, `decision`, `selected`, `age`, `outcome`). */
function choicesOf(body: Record<string, CanonicalValue>): Record<string, CanonicalValue> {
  const choices: Record<string, CanonicalValue> = {};
  for (const [field, value] of Object.entries(body)) {
    if (typeof value === 'boolean' || (typeof value === 'string' && CHOICE_FIELDS.has(field))) choices[field] = value;
  }
  return choices;
}

/** Fields whose strings are one of a fixed set of values (zod enums in the step bodies), never free text. */
const CHOICE_FIELDS = new Set(['decision', 'age', 'outcome', 'givenAt']);

function evidenceOf(body: Record<string, CanonicalValue>): string[] {
  const evidence = body['evidence'];
  return Array.isArray(evidence) ? evidence.filter((reference): reference is string => typeof reference === 'string') : [];
}
