import { SearchAttributes } from '@oioo/contracts';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The platform's search attribute keys and their CLI registrations, defined once in the contracts. */
export { SearchAttributes, searchAttributeRegistrations } from '@oioo/contracts';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
type IndexedValueType = temporal.api.enums.v1.IndexedValueType;
type OperatorService = temporal.api.operatorservice.v1.OperatorService;

/** How the operator API spells each SDK search attribute type. */
const INDEXED_VALUE_TYPES: Record<SearchAttributeType, IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** A `Connection`/`NativeConnection` (they expose the operator service) or a `Client` (through its connection). */
export type OperatorServiceHolder = { operatorService: OperatorService } | { connection: { operatorService: OperatorService } };

/** Which search attributes were added and which were already registered. */
export interface RegisterSearchAttributesResult {
  /** Names added by this call. */
  added: string[];
  /** Names that were already registered with the right type. */
  existing: string[];
}

/** gRPC status codes this module reacts to (numeric, so it needs no direct grpc dependency). */
const GRPC_ALREADY_EXISTS = 6;
const GRPC_UNIMPLEMENTED = 12;

const grpcCode = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

/**
 * Registers the platform's custom search attributes on a namespace of a real cluster, where the dev server's
 * `--search-attribute` flags are not available. Idempotent: attributes already present are skipped; one already
 * present with another type fails, since a workflow upserting it would then be rejected.
 * Also works on the Java time-skipping test server, which can add search attributes but not list them.
 */
export async function registerSearchAttributes(
  target: OperatorServiceHolder,
  namespace: string,
  keys: readonly { name: string; type: SearchAttributeType }[] = Object.values(SearchAttributes),
): Promise<RegisterSearchAttributesResult> {
  const operatorService = 'operatorService' in target ? target.operatorService : target.connection.operatorService;
  const customAttributes = await listCustomAttributes(operatorService, namespace);
  if (customAttributes === undefined) return addOneByOne(operatorService, namespace, keys);
  const missing: Record<string, IndexedValueType> = {};
  const existing: string[] = [];
  for (const key of keys) {
    const wanted = INDEXED_VALUE_TYPES[key.type];
    const present = customAttributes[key.name];
    if (present === undefined) {
      missing[key.name] = wanted;
    } else if (present === wanted) {
      existing.push(key.name);
    } else {
      throw new Error(
        `search attribute ${key.name} is registered on namespace ${namespace} as ${IndexedValueType[present]}, expected ${IndexedValueType[wanted]}`,
      );
    }
  }
  const added = Object.keys(missing);
  if (added.length === 0) return { added, existing };
  try {
    await operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  } catch (error) {
    // Another worker starting at the same time may have added them first; that is success, not a conflict.
    const now = (await listCustomAttributes(operatorService, namespace)) ?? {};
    if (!added.every((name) => now[name] === missing[name])) throw error;
  }
  return { added, existing };
}

/** The namespace's custom search attributes, or `undefined` where the server cannot list them. */
async function listCustomAttributes(operatorService: OperatorService, namespace: string): Promise<Record<string, IndexedValueType> | undefined> {
  try {
    return (await operatorService.listSearchAttributes({ namespace })).customAttributes;
  } catch (error) {
    if (grpcCode(error) === GRPC_UNIMPLEMENTED) return undefined;
    throw error;
  }
}

/** Without a listing, add each attribute on its own and read "already exists" as present (its type cannot be checked). */
async function addOneByOne(
  operatorService: OperatorService,
  namespace: string,
  keys: readonly { name: string; type: SearchAttributeType }[],
): Promise<RegisterSearchAttributesResult> {
  const result: RegisterSearchAttributesResult = { added: [], existing: [] };
  for (const key of keys) {
    try {
      await operatorService.addSearchAttributes({ namespace, searchAttributes: { [key.name]: INDEXED_VALUE_TYPES[key.type] } });
      result.added.push(key.name);
    } catch (error) {
      if (grpcCode(error) !== GRPC_ALREADY_EXISTS) throw error;
      result.existing.push(key.name);
    }
  }
  return result;
}
