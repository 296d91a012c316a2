import type { z } from 'zod';
import type { Role } from '@oioo/auth';

/** What a route acts on, for per-case access (BOLA) and the consultation log. */
export type RouteTarget = 'readmission' | 'eoi' | 'ledger' | 'none';

/**
 * One route of the casework API as data: the single source for its NestJS handler, its access policy,
 * the zod schemas that parse its input, and its OpenAPI operation. Paths are written OpenAPI style
 * (`/api/v1/readmission-cases/{caseId}`).
 */
export interface ApiRoute {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** Rule ids the route serves (`S1`, `R2`, ...). */
  rules: readonly string[];
  tag: 'Work queues' | 'Readmission cases' | 'EOI cases' | 'Ledger' | 'Audit' | 'Session' | 'Operations';
  roles: readonly Role[];
  target: RouteTarget;
  /** Parses the query string; strict, so an unknown parameter is refused. */
  query: z.ZodType;
  /** Parses the JSON body; strict, so an unknown field (`actor` above all) is refused. */
  body?: z.ZodType;
  /** What a 2xx answer holds. */
  response: z.ZodType;
  /** Steps that change a case: an `Idempotency-Key` header is required and becomes the command id. */
  step: boolean;
}

/** Express's form of an OpenAPI path (`{caseId}` → `:caseId`). */
export function expressPath(route: Pick<ApiRoute, 'path'>): string {
  return route.path.replace(/\{(\w+)\}/g, ':$1');
}
