import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '@oioo/auth';
import type { ApiRoute } from '../api/api-route';
import { API_ROUTES } from '../api/routes';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema: its input shape for requests, its output for answers. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The query parameters of a strict object schema, one OpenAPI parameter each. */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.entries(shape).map(([name, field]) => {
    const parameter = jsonSchemaOf(field, 'input');
    const { description, ...fieldSchema } = parameter;
    return { name, in: 'query', required: !field.safeParse(undefined).success, schema: fieldSchema, ...(description ? { description } : {}) };
  });
}

function pathParameters(route: ApiRoute): JsonSchema[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
}

const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } });

function operationOf(route: ApiRoute): JsonSchema {
  const responses: Record<string, unknown> = {
    200: { description: route.step ? 'The step was taken (or this is the first answer to the same Idempotency-Key)' : 'OK', content: { 'application/json': { schema: jsonSchemaOf(route.response, 'output') } } },
    400: problem('The body, query, path or Idempotency-Key is malformed; `errors` names each field'),
    401: problem('No valid access token: missing, expired, not yet valid, wrongly signed, for another issuer or audience'),
    403: problem('The caller\'s roles do not admit this route'),
    404: problem('No such case, or one the caller may not reach (the two are not told apart)'),
  };
  if (route.step) {
    responses[409] = problem('The workflow refused the step because of where the case stands (`INVALID_STATE`, `SAME_PERSON_APPROVAL`, `ON_HOLD`, `CASE_CLOSED`, ...)');
    responses[422] = problem('The workflow refused the input, or the Idempotency-Key was used for a different request (`IDEMPOTENCY_KEY_REUSED`)');
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `Roles: ${route.roles.join(', ')}.${route.rules.length ? ` Rules: ${route.rules.join(', ')}.` : ''}`,
    tags: [route.tag],
    'x-roles': route.roles,
    parameters: [
      ...pathParameters(route),
      ...queryParameters(route.query),
      ...(route.step
        ? [{ name: 'Idempotency-Key', in: 'header', required: true, description: 'A new random value per step and the same one on a retry; it becomes the workflow command id', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,100}$' } }]
        : []),
    ],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } } } } : {}),
    responses,
  };
}

/** The casework API's OpenAPI 3.1 document, generated from the route catalogue and the zod schemas that parse each request. */
export function caseworkOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Casework API: UK–France one in, one out',
      version: '1.0.0',
      description:
        'The only way people act on cases. Every request carries an OpenID Connect access token from the department\'s identity provider; the person acting is the verified caller, never a field of the body. Errors are RFC 9457 problem documents.',
    },
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token for audience urn:oioo:casework from the OIDC provider (authorization code with PKCE)' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
