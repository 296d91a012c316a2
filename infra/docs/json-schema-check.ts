import { type JsonSchema } from './surface-schemas';

/** Keywords that only annotate: `format` too, since zod pairs every format it emits with a `pattern` that does the checking. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'format', '$comment']);

/**
 * Checks a value against the draft-07 keywords zod emits, returning one line per problem. It throws on
 * any other keyword, so a schema it cannot fully check can never pass by being half-checked. Tests
 * only: the document's schemas are checked with this rather than a new dependency.
 */
export function schemaProblems(schema: JsonSchema | boolean, value: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: no value is allowed`];
  const problems: string[] = [];
  for (const [keyword, expected] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    problems.push(...keywordProblems(schema, keyword, expected, value, path));
  }
  return problems;
}

function keywordProblems(schema: JsonSchema, keyword: string, expected: unknown, value: unknown, path: string): string[] {
  const fail = (message: string) => [`${path}: ${message}`];
  switch (keyword) {
    case 'type': {
      const types = Array.isArray(expected) ? (expected as string[]) : [expected as string];
      return types.some((type) => hasType(value, type)) ? [] : fail(`must be ${types.join(' or ')}`);
    }
    case 'const':
      return value === expected ? [] : fail(`must be ${JSON.stringify(expected)}`);
    case 'enum':
      return (expected as unknown[]).includes(value) ? [] : fail(`must be one of ${JSON.stringify(expected)}`);
    case 'pattern':
      return typeof value !== 'string' || new RegExp(expected as string).test(value) ? [] : fail(`must match ${String(expected)}`);
    case 'minLength':
      return typeof value !== 'string' || [...value].length >= (expected as number) ? [] : fail(`must have at least ${String(expected)} characters`);
    case 'maxLength':
      return typeof value !== 'string' || [...value].length <= (expected as number) ? [] : fail(`must have at most ${String(expected)} characters`);
    case 'minimum':
      return typeof value !== 'number' || value >= (expected as number) ? [] : fail(`must be ≥ ${String(expected)}`);
    case 'maximum':
      return typeof value !== 'number' || value <= (expected as number) ? [] : fail(`must be ≤ ${String(expected)}`);
    case 'exclusiveMinimum':
      return typeof value !== 'number' || value > (expected as number) ? [] : fail(`must be > ${String(expected)}`);
    case 'exclusiveMaximum':
      return typeof value !== 'number' || value < (expected as number) ? [] : fail(`must be < ${String(expected)}`);
    case 'minItems':
      return !Array.isArray(value) || value.length >= (expected as number) ? [] : fail(`must have at least ${String(expected)} items`);
    case 'maxItems':
      return !Array.isArray(value) || value.length <= (expected as number) ? [] : fail(`must have at most ${String(expected)} items`);
    case 'items':
      if (!Array.isArray(value)) return [];
      if (Array.isArray(expected)) throw new Error(`${path}: tuple "items" is not supported`);
      return value.flatMap((item, index) => schemaProblems(expected as JsonSchema | boolean, item, `${path}[${index}]`));
    case 'required':
      return !isObject(value) ? [] : (expected as string[]).filter((name) => !(name in value)).flatMap((name) => fail(`is missing required "${name}"`));
    case 'properties':
      return !isObject(value)
        ? []
        : Object.entries(expected as Record<string, JsonSchema | boolean>).flatMap(([name, property]) =>
            name in value ? schemaProblems(property, value[name], `${path}.${name}`) : [],
          );
    case 'additionalProperties': {
      if (!isObject(value)) return [];
      const declared = new Set(Object.keys(schema.properties ?? {}));
      return Object.keys(value)
        .filter((name) => !declared.has(name))
        .flatMap((name) => schemaProblems(expected as JsonSchema | boolean, value[name], `${path}.${name}`));
    }
    case 'anyOf':
      return (expected as JsonSchema[]).some((option) => schemaProblems(option, value, path).length === 0) ? [] : fail('matches none of the alternatives');
    case 'oneOf':
      return (expected as JsonSchema[]).filter((option) => schemaProblems(option, value, path).length === 0).length === 1 ? [] : fail('must match exactly one alternative');
    case 'allOf':
      return (expected as JsonSchema[]).flatMap((part) => schemaProblems(part, value, path));
    default:
      throw new Error(`${path}: keyword "${keyword}" is not supported by the test's schema check; extend infra/docs/json-schema-check.ts`);
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
