import { HttpStatus } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemError } from '@oioo/auth';

/** Parses a body, query or path parameter with its schema; a bad one is a 400 that names every field it got wrong. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, input: unknown, where: 'body' | 'query' | 'path'): z.infer<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) => {
    // An unknown key names the key itself, so `actor` in a body is called out by name.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({ field: [...issue.path, ...(key ? [key] : [])].map(String).join('.') || `(${where})`, message: key ? 'is not a field of this request' : issue.message }));
  });
  throw new ProblemError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', `the ${where} is not valid: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`, errors);
}

/**
 * S1, S2: the person acting is the verified caller. A body that names an actor (or any of the fields the
 * API fills in itself) is refused outright, before any other check, so no client can even try.
 */
export function refuseSelfDeclaredActor(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const named = ['actor', 'actorId', 'commandId'].filter((field) => field in body);
  if (named.length > 0) {
    throw new ProblemError(
      HttpStatus.BAD_REQUEST,
      'ACTOR_NOT_ALLOWED',
      'the person acting is the one the access token names; a body may not set it',
      named.map((field) => ({ field, message: 'is set by the API from the verified caller' })),
    );
  }
}
