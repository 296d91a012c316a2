import { HttpStatus } from '@nestjs/common';
import { ProblemError } from '@oioo/auth';
import type { z } from 'zod';

/** Parses a vault request's body or path parameter with its schema; a bad one is a 400 problem naming the fields. */
export function parseVaultInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
  throw new ProblemError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', `invalid request: ${fields}`);
}
