import { HttpStatus } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { ProblemError } from '@oioo/auth';

const base64 = z.string().max(4 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** One payload as the codec-server protocol carries it: Temporal's protobuf JSON form, bytes in base64. */
const wirePayloadSchema = z.strictObject({
  metadata: z.record(z.string().min(1).max(256), base64).optional(),
  data: base64.optional(),
});

/** The body of `POST /decode` and `POST /encode`: `{"payloads": [...]}` (Temporal's Payloads message as JSON; the CLI omits an empty list). */
export const codecRequestSchema = z.strictObject({ payloads: z.array(wirePayloadSchema).max(1000).default([]) });

/** A payload in the protocol's JSON form. */
export type WirePayload = z.infer<typeof wirePayloadSchema>;

/** The payloads of a request body, parsed; a malformed body is a 400 naming the field. */
export function parseCodecRequest(body: unknown): Payload[] {
  const parsed = codecRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ProblemError(
      HttpStatus.BAD_REQUEST,
      'INVALID_INPUT',
      'the body must be {"payloads": [{"metadata": {...}, "data": "<base64>"}]}',
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
    );
  }
  return parsed.data.payloads.map(fromWire);
}

/** A protocol payload as the SDK's Payload. */
export function fromWire(wire: WirePayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(wire.metadata ?? {})) metadata[key] = Buffer.from(value, 'base64');
  return { metadata, data: Buffer.from(wire.data ?? '', 'base64') };
}

/** An SDK Payload in the protocol's JSON form. */
export function toWire(payload: Payload): WirePayload {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) if (value) metadata[key] = Buffer.from(value).toString('base64');
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
