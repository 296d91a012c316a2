import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';

/** What stands in for a value that may be personal. */
export const REDACTED = '[redacted]';

/**
 * Fields known to hold no personal data: opaque ids, states, codes, rules, deadlines and flags. Deny by
 * default: a field not named here is redacted however harmless it looks, so a field added to an event or a
 * view later stays hidden from operators until someone decides it is not personal and adds it here.
 */
export const NON_PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  // opaque ids
  'caseId', 'eoiId', 'pilotId', 'workflowId', 'eventId', 'correlationId', 'causationId', 'commandId', 'previousCaseId', 'earlierCaseId',
  // what kind of thing, and where it stands
  'kind', 'type', 'state', 'status', 'outcome', 'code', 'rule', 'view', 'waitingOn', 'alerts', 'what', 'team', 'source', 'schemaVersion',
  // deadlines and times of the process
  'at', 'occurredAt', 'nextDeadline', 'deadlines', 'requestDeadline', 'replyDeadline',
  // flags
  'onHold', 'reEntry', 'escalated', 'targetBreached', 'running',
  // the timeline's shape, whose entries keep when and what (as the API's redacted view); holds stay hidden (legal challenges)
  'timeline',
  // workflow settings
  'historyEventsLimit', 'timeCompression', 'replyTimeoutMs',
]);

const JSON_ENCODING = 'json/plain';
const NULL_ENCODING = 'binary/null';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The answer to the built-in `__temporal_workflow_metadata` query, which the Web UI asks for to list a
 * workflow's queries, signals and updates: handler names and descriptions from the code, and the
 * workflow's current details (free text, so redacted).
 */
function isWorkflowMetadata(value: Json): value is { definition: Json; currentDetails?: Json } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const definition = value['definition'];
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) return false;
  const handlerLists = ['queryDefinitions', 'signalDefinitions', 'updateDefinitions'];
  return (
    Object.keys(value).every((key) => key === 'definition' || key === 'currentDetails') &&
    Object.keys(definition).every((key) => key === 'type' || handlerLists.includes(key)) &&
    handlerLists.every((key) => definition[key] === undefined || (Array.isArray(definition[key]) && (definition[key] as Json[]).every(isHandlerDefinition)))
  );
}

function isHandlerDefinition(value: Json): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.entries(value).every(([key, field]) => (key === 'name' || key === 'description') && typeof field === 'string');
}

/** A JSON payload's value as an operator may see it: the workflow metadata's handler list whole, anything else by {@link redactJson}. */
export function redactValue(value: Json): Json {
  if (isWorkflowMetadata(value)) return { definition: value.definition, ...(value.currentDetails !== undefined ? { currentDetails: REDACTED } : {}) };
  return redactJson(value);
}

/** A JSON value with every field outside {@link NON_PERSONAL_FIELDS} replaced by {@link REDACTED}, at any depth. */
export function redactJson(value: Json, keep = false): Json {
  if (Array.isArray(value)) return value.map((item) => redactJson(item, keep));
  if (value !== null && typeof value === 'object') {
    // Objects are walked wherever they sit: only their own fields decide what is kept.
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, NON_PERSONAL_FIELDS.has(key) ? redactJson(field, true) : redactFieldValue(field)]));
  }
  return keep ? value : REDACTED;
}

/** A field that is not known to be safe: its value goes, but an object's safe fields (an id, a state) stay visible. */
function redactFieldValue(value: Json): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? redactJson(value) : REDACTED;
}

function encodingOf(payload: Payload): string | undefined {
  const bytes = payload.metadata?.[METADATA_ENCODING_KEY];
  return bytes ? Buffer.from(bytes).toString() : undefined;
}

function jsonPayload(value: Json): Payload {
  return { metadata: { [METADATA_ENCODING_KEY]: Buffer.from(JSON_ENCODING) }, data: Buffer.from(JSON.stringify(value)) };
}

/**
 * A decoded payload as an operator may see it: JSON with only the non-personal fields kept; a value with no
 * data (`binary/null`) as it is; anything else (bytes, protobuf, unparsable JSON) replaced whole.
 */
export function redactPayload(payload: Payload): Payload {
  const encoding = encodingOf(payload);
  if (encoding === NULL_ENCODING) return payload;
  if (encoding === JSON_ENCODING) {
    try {
      return jsonPayload(redactValue(JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')) as Json));
    } catch {
      return jsonPayload(REDACTED);
    }
  }
  return jsonPayload(REDACTED);
}
