import { HttpException, HttpStatus } from '@nestjs/common';
import { type z } from 'zod';

/** A refusal a service answers with: an HTTP status, a code callers branch on, and a sentence without personal data. */
export class ServiceError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    message: string,
  ) {
    super({ code, message }, status);
  }
}

/** Parses a request body (or query) with its contract; a bad one is refused with 400 INVALID_INPUT naming the fields. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
  throw new ServiceError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', `invalid request: ${fields}`);
}
