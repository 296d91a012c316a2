import { type JsonSchema } from './surface-schemas';

/** One field of an object schema, flattened for a table: nested fields read `parent.child`, array items `list[].child`. */
export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

type SchemaNode = JsonSchema | boolean;

/** The fields of an object schema and of the objects nested in it, in schema order. */
export function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const row: FieldRow = {
      path,
      type: typeText(property),
      required: required.has(name),
      description: typeof property === 'boolean' ? '' : (property.description ?? ''),
    };
    return [row, ...nestedRows(property, path)];
  });
}

function nestedRows(property: SchemaNode, path: string): FieldRow[] {
  if (typeof property === 'boolean') return [];
  if (property.properties) return fieldRows(property, `${path}.`);
  const items = property.items;
  if (items !== undefined && typeof items !== 'boolean' && !Array.isArray(items) && items.properties) return fieldRows(items, `${path}[].`);
  return [];
}

/** A short, readable statement of what a schema accepts, e.g. `string (date-time)` or `array of object, ≤ 50 items`. */
export function typeText(schema: SchemaNode): string {
  if (schema === true) return 'any';
  if (schema === false) return 'nothing';
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return `one of ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeText).join(' or ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return 'any';
  return types.map((type) => [baseText(type, schema), ...constraintsOf(type, schema)].join(', ')).join(' or ');
}

function baseText(type: string, schema: JsonSchema): string {
  if (type === 'string' && schema.format) return `string (${schema.format})`;
  if (type === 'array') {
    const items = schema.items;
    return `array of ${items === undefined || Array.isArray(items) ? 'any' : typeText(items)}`;
  }
  return type;
}

function constraintsOf(type: string, schema: JsonSchema): string[] {
  switch (type) {
    case 'string':
      // A format already says what the pattern spells out, and the date-time pattern is unreadable.
      return [...rangeText(schema.minLength, schema.maxLength, 'chars'), ...(schema.pattern && !schema.format ? [`pattern \`${schema.pattern}\``] : [])];
    case 'array':
      return rangeText(schema.minItems, schema.maxItems, 'items');
    case 'integer':
    case 'number':
      return numberBounds(schema);
    default:
      return [];
  }
}

function rangeText(min: number | undefined, max: number | undefined, unit: string): string[] {
  if (min !== undefined && min === max) return [`exactly ${min} ${unit}`];
  if (min !== undefined && max !== undefined) return [`${min}–${max} ${unit}`];
  if (min === 1 && unit === 'chars') return ['non-empty'];
  if (min !== undefined && min > 0) return [`≥ ${min} ${unit}`];
  if (max !== undefined) return [`≤ ${max} ${unit}`];
  return [];
}

function numberBounds(schema: JsonSchema): string[] {
  const bounds: string[] = [];
  if (typeof schema.exclusiveMinimum === 'number') bounds.push(`> ${schema.exclusiveMinimum}`);
  // zod bounds every integer by the safe-integer range; saying so on each field is noise.
  if (schema.minimum !== undefined && schema.minimum !== Number.MIN_SAFE_INTEGER) bounds.push(`≥ ${schema.minimum}`);
  if (typeof schema.exclusiveMaximum === 'number') bounds.push(`< ${schema.exclusiveMaximum}`);
  if (schema.maximum !== undefined && schema.maximum !== Number.MAX_SAFE_INTEGER) bounds.push(`≤ ${schema.maximum}`);
  return bounds;
}
