import { type z } from 'zod';

/** What a field of an event is, read from its zod schema: enough to know which values break it. */
export interface FieldSpec {
  /** Where the field is in the envelope (`['data', 'crossingEvidence', 0, 'kind']`). */
  path: readonly (string | number)[];
  kind: 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'object' | 'other';
  /** False when the field may be left out (optional, or defaulted). */
  required: boolean;
  /** True when `null` is accepted. */
  nullable: boolean;
  /** For strings: the longest accepted, or a format (regex, uuid, date-time) that bounds it; undefined when any length passes. */
  bounded: boolean;
  /** For enums: the accepted values. */
  options?: readonly string[];
}

interface ZodInternals {
  _zod: { def: { type: string; innerType?: z.ZodType; checks?: { _zod: { def: { check: string } } }[]; entries?: Record<string, string> } };
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  maxLength?: number | null;
  format?: string | null;
}

/**
 * Every field of a schema, depth first, from the schema's own definition (zod 4's `_zod.def`), so the
 * fuzzer breaks the fields the platform actually checks and follows the contracts when they change.
 * Array elements are described at index 0.
 */
export function fieldsOf(schema: z.ZodType, path: readonly (string | number)[] = [], required = true, nullable = false): FieldSpec[] {
  const node = schema as unknown as ZodInternals;
  const { def } = node._zod;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return fieldsOf(def.innerType as z.ZodType, path, false, nullable);
    case 'nullable':
      return fieldsOf(def.innerType as z.ZodType, path, required, true);
    case 'object': {
      const here: FieldSpec[] = path.length === 0 ? [] : [{ path, kind: 'object', required, nullable, bounded: false }];
      return [...here, ...Object.entries(node.shape ?? {}).flatMap(([key, child]) => fieldsOf(child, [...path, key]))];
    }
    case 'array':
      return [{ path, kind: 'array', required, nullable, bounded: false }, ...fieldsOf(node.element as z.ZodType, [...path, 0])];
    case 'string': {
      const formatted = typeof node.format === 'string' || (def.checks ?? []).some((check) => check._zod.def.check === 'string_format');
      return [{ path, kind: 'string', required, nullable, bounded: formatted || typeof node.maxLength === 'number' }];
    }
    case 'number':
      return [{ path, kind: 'number', required, nullable, bounded: false }];
    case 'boolean':
      return [{ path, kind: 'boolean', required, nullable, bounded: false }];
    case 'enum':
      return [{ path, kind: 'enum', required, nullable, bounded: true, options: Object.values(def.entries ?? {}) }];
    default:
      return [{ path, kind: 'other', required, nullable, bounded: false }];
  }
}

/** The value at a path, or undefined when the event has no such field (an empty list, an absent optional). */
export function valueAt(target: unknown, path: readonly (string | number)[]): unknown {
  let node = target;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
