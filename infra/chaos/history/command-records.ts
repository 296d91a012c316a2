import { z } from 'zod';
import { opaqueRef, recordHeader } from './record-fields';

/** What a command acts on: a readmission case, an EOI case or the ledger, by opaque id. */
export const commandTargetSchema = z.object({
  kind: z.enum(['readmission', 'eoi', 'ledger']),
  id: opaqueRef,
});

/** The generator sent a casework API step (a retry is a new record with the same Idempotency-Key). */
export const commandSentSchema = z.object({
  type: z.literal('command-sent'),
  ...recordHeader,
  /** Pairs this request with its answer; unique per HTTP request. */
  requestId: opaqueRef,
  /** The casework API's operation id (`proposeInadmissibility`, `reviewDecision`...). */
  operationId: opaqueRef,
  target: commandTargetSchema,
  idempotencyKey: opaqueRef,
  /** The person acting, as the API knows them (opaque, `cw_...`). */
  actor: opaqueRef,
});

/** The API answered a command, or the request failed without an answer (`status` absent, `error` says how). */
export const commandAnsweredSchema = z.object({
  type: z.literal('command-answered'),
  ...recordHeader,
  requestId: opaqueRef,
  /** HTTP status; absent when no answer came (timeout, reset). */
  status: z.number().int().min(100).max(599).optional(),
  /** The problem+json `code` of a refusal. */
  problemCode: opaqueRef.optional(),
  /** The workflow command id the API answered with (2xx); the case's timeline must hold it. */
  commandId: opaqueRef.optional(),
  /** How the request failed without an answer (`timeout`, `connection-reset`...). */
  error: opaqueRef.optional(),
});
