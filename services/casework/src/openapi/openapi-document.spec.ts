import { API_ROUTES, STEP_ROUTES } from '../api/routes';
import { caseworkOpenApiDocument } from './openapi-document';

type Operation = { operationId: string; parameters: { name: string; in: string; required: boolean }[]; requestBody?: { content: Record<string, { schema: { additionalProperties?: unknown } }> }; responses: Record<string, unknown>; 'x-roles': string[] };

const document = caseworkOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>> };
const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with one operation per route of the catalogue', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(API_ROUTES.map((route) => route.operationId).sort());
  });

  it('says which roles each operation admits, as the guard enforces them', () => {
    for (const route of API_ROUTES) expect(operations.find((operation) => operation.operationId === route.operationId)?.['x-roles']).toEqual(route.roles);
  });

  it('every step requires an Idempotency-Key and a body that admits no other field (no actor)', () => {
    for (const route of STEP_ROUTES) {
      const operation = operations.find((candidate) => candidate.operationId === route.operationId) as Operation;
      expect(operation.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
      expect(operation.requestBody?.content['application/json']?.schema.additionalProperties).toBe(false);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']));
    }
  });
});
