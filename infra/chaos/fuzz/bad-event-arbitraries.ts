import fc from 'fast-check';
import { type EventEnvelope, Topics, deadLetterTopicOf } from '@oioo/contracts';
import { EventHeaders, envelopeSchemaOf } from '@oioo/kafka';
import { topicNamed } from '../workload';
import { type BaseEvents } from './base-events';
import { type FieldSpec, fieldsOf, valueAt } from './schema-fields';
import { type FuzzExpectation, type FuzzItem, type FuzzMutation, type PublishedMessage } from './fuzz-item';

/** A fuzz item before its place in the stream and its fuzz headers. */
export type DraftItem = Omit<FuzzItem, 'seq' | 'headers'> & { headers: Record<string, string> };

/** What the mutations draw from: valid events per topic, and real traffic when the caller has it. */
export interface FuzzSources {
  base: BaseEvents;
  /** Messages the workload published: duplicates are copies of these. */
  published?: readonly PublishedMessage[];
  /** Ids of real cases and EOIs, for facts about them that arrive out of order. */
  realCaseIds?: readonly string[];
  realEoiIds?: readonly string[];
}

/** The broker's default limit is about 1 MB a message; huge values stay under it with room for headers. */
export const MAX_FUZZ_VALUE_BYTES = 950_000;

const invalid = (topic: string): FuzzExpectation => ({ outcome: 'dead-letter', kind: 'invalid', deadLetterTopic: deadLetterTopicOf(topic) });
const rejected = (topic: string): FuzzExpectation => ({ outcome: 'dead-letter', kind: 'rejected', deadLetterTopic: deadLetterTopicOf(topic) });
const dotted = (path: readonly (string | number)[]) => path.join('.');

/** Fields of each topic's whole envelope, read once from its schema. */
const fieldCache = new Map<string, FieldSpec[]>();
function fieldsOfTopic(topic: string): FieldSpec[] {
  let fields = fieldCache.get(topic);
  if (!fields) {
    fields = fieldsOf(envelopeSchemaOf(topicNamed(topic)));
    fieldCache.set(topic, fields);
  }
  return fields;
}

/** A valid event of one fuzzed topic, with the fields it actually has that match `accept`. */
function baseWith(sources: FuzzSources, accept: (field: FieldSpec) => boolean) {
  const choices = [...sources.base].flatMap(([topic, events]) =>
    events.map((event) => ({ topic, event, fields: fieldsOfTopic(topic).filter((field) => accept(field) && valueAt(event, field.path) !== undefined) })),
  );
  return fc.constantFrom(...choices.filter((choice) => choice.fields.length > 0)).chain((choice) => fc.record({ topic: fc.constant(choice.topic), event: fc.constant(choice.event), field: fc.constantFrom(...choice.fields) }));
}

function withValue(event: EventEnvelope<unknown>, path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(event) as unknown as Record<string, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

function withoutField(event: EventEnvelope<unknown>, path: readonly (string | number)[]): Record<string, unknown> {
  const copy = structuredClone(event) as unknown as Record<string, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  delete parent[path[path.length - 1] as string | number];
  return copy;
}

function draft(topic: string, event: { subject?: unknown; eventId?: unknown; type?: unknown }, value: Buffer, mutation: FuzzMutation, description: string, expected: FuzzExpectation): DraftItem {
  const headers: Record<string, string> = {};
  if (typeof event.eventId === 'string') headers[EventHeaders.eventId] = event.eventId;
  if (typeof event.type === 'string') headers[EventHeaders.eventType] = event.type;
  return { topic, key: typeof event.subject === 'string' ? event.subject : null, value, headers, mutation, description, expected };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/** A value of another type than the field's (never `null` where null is allowed). */
function wrongTypeFor(field: FieldSpec): fc.Arbitrary<unknown> {
  const nullable = field.nullable ? [] : [fc.constant(null)];
  switch (field.kind) {
    case 'string':
    case 'enum':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), ...nullable);
    case 'number':
      return fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.constant({}), fc.constant([1]), ...nullable);
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 'yes'), fc.integer({ min: 0, max: 1 }), fc.constant([]), ...nullable);
    case 'array':
      return fc.oneof(fc.constant({}), fc.string({ maxLength: 8 }), fc.integer(), ...nullable);
    default:
      return fc.oneof(fc.constant([]), fc.string({ maxLength: 8 }), fc.integer(), ...nullable);
  }
}

/** A field given a value of the wrong type (a number for a string, a string for a number, a list for an object...). */
export const wrongType = (sources: FuzzSources) =>
  baseWith(sources, (field) => field.kind !== 'other').chain(({ topic, event, field }) =>
    wrongTypeFor(field).map((value) => draft(topic, event, json(withValue(event, field.path, value)), 'wrong-type', `${dotted(field.path)} has the wrong type`, invalid(topic))),
  );

/** A required field left out. */
export const missingField = (sources: FuzzSources) =>
  baseWith(sources, (field) => field.required).map(({ topic, event, field }) =>
    draft(topic, event, json(withoutField(event, field.path)), 'missing-field', `required ${dotted(field.path)} is missing`, invalid(topic)),
  );

/** An enumerated field given a value outside its list (a near miss, or a made-up one). */
export const unknownEnum = (sources: FuzzSources) =>
  baseWith(sources, (field) => field.kind === 'enum').chain(({ topic, event, field }) =>
    fc
      .oneof(fc.constantFrom(...(field.options ?? [])).map((option) => option.toUpperCase()), fc.string({ minLength: 1, maxLength: 30 }))
      .filter((value) => !(field.options ?? []).includes(value))
      .map((value) => draft(topic, event, json(withValue(event, field.path, value)), 'unknown-enum', `${dotted(field.path)} is not one of its enumerated values`, invalid(topic))),
  );

/** A valid event of one topic published on another topic the platform consumes. */
export const wrongTopic = (sources: FuzzSources) =>
  fc.constantFrom(...[...sources.base].flatMap(([topic, events]) => events.map((event) => ({ topic, event })))).chain(({ topic, event }) =>
    fc.constantFrom(...[...sources.base.keys()].filter((other) => other !== topic)).map((target) =>
      draft(target, event, json(event), 'wrong-topic', `a ${topic} event published on ${target}`, invalid(target)),
    ),
  );

/** An event announcing a schema version its topic does not carry. */
export const wrongVersion = (sources: FuzzSources) =>
  baseWith(sources, (field) => dotted(field.path) === 'schemaVersion').chain(({ topic, event }) =>
    fc.integer({ min: 2, max: 99 }).map((version) => draft(topic, event, json({ ...event, schemaVersion: version }), 'wrong-version', `schemaVersion ${version} on a v1 topic`, invalid(topic))),
  );

/** A bounded string (a maximum length or a format) given a huge one, the whole message still under the broker's limit. */
export const hugeString = (sources: FuzzSources) =>
  baseWith(sources, (field) => field.kind === 'string' && field.bounded).chain(({ topic, event, field }) =>
    fc.record({ length: fc.integer({ min: 5_000, max: MAX_FUZZ_VALUE_BYTES - 20_000 }), char: fc.constantFrom('x', 'A', '0', ' ') }).map(({ length, char }) =>
      draft(topic, event, json(withValue(event, field.path, char.repeat(length))), 'huge-string', `${dotted(field.path)} is ${length} characters long`, invalid(topic)),
    ),
  );

/** Byte sequences that are not UTF-8: a lone 0xFF, a broken pair, an encoded surrogate, an overlong slash, a lone continuation byte. */
const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

/** Bytes that are not UTF-8 inside the event id or the subject, whose formats then cannot match. */
export const invalidUtf8 = (sources: FuzzSources) =>
  baseWith(sources, (field) => ['eventId', 'subject'].includes(dotted(field.path))).chain(({ topic, event, field }) =>
    fc.record({ bytes: fc.constantFrom(...INVALID_UTF8), at: fc.integer({ min: 1, max: 9 }) }).map(({ bytes, at }) => {
      const text = JSON.stringify(event);
      const cut = text.indexOf(`"${String(field.path[0])}":"`) + String(field.path[0]).length + 4 + at;
      const value = Buffer.concat([Buffer.from(text.slice(0, cut), 'utf8'), Buffer.from(bytes), Buffer.from(text.slice(cut), 'utf8')]);
      return draft(topic, event, value, 'invalid-utf8', `${dotted(field.path)} holds bytes that are not UTF-8`, invalid(topic));
    }),
  );

const DEEP = '__CHAOS_DEEP__';

/** A required field replaced by lists nested thousands deep. */
export const deepNesting = (sources: FuzzSources) =>
  baseWith(sources, (field) => field.required).chain(({ topic, event, field }) =>
    fc.integer({ min: 1_000, max: 50_000 }).map((depth) => {
      const text = JSON.stringify(withValue(event, field.path, DEEP)).replace(`"${DEEP}"`, '['.repeat(depth) + ']'.repeat(depth));
      return draft(topic, event, Buffer.from(text, 'utf8'), 'deep-nesting', `${dotted(field.path)} is nested ${depth} deep`, invalid(topic));
    }),
  );

const PROTO = '__CHAOS_PROTO__';

/**
 * A required field moved under `__proto__`, `constructor.prototype` or `prototype`, where a naive merge
 * would write it onto every object; read properly it is simply missing.
 */
export const prototypePollution = (sources: FuzzSources) =>
  baseWith(sources, (field) => field.required && field.path.length <= 2 && field.kind !== 'object').chain(({ topic, event, field }) =>
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => {
      const name = String(field.path[field.path.length - 1]);
      const moved = { [name]: valueAt(event, field.path), polluted: true, isAdmin: true };
      const payload = key === 'constructor' ? { prototype: moved } : moved;
      const holder = withoutField(event, field.path);
      const parent = valueAt(holder, field.path.slice(0, -1)) as Record<string, unknown>;
      parent[PROTO] = payload;
      const text = JSON.stringify(holder).replace(`"${PROTO}":`, `"${key}":`);
      return draft(topic, event, Buffer.from(text, 'utf8'), 'prototype-pollution', `required ${dotted(field.path)} moved under ${key}`, invalid(topic));
    }),
  );

/** A value that is not a JSON event at all: empty, cut short, or JSON of another shape. */
export const notJson = (sources: FuzzSources) =>
  fc.constantFrom(...[...sources.base].flatMap(([topic, events]) => events.map((event) => ({ topic, event })))).chain(({ topic, event }) => {
    const text = JSON.stringify(event);
    return fc.oneof(
      fc.constant(draft(topic, event, Buffer.alloc(0), 'not-json', 'the value is empty', invalid(topic))),
      fc.integer({ min: 1, max: text.length - 1 }).map((cut) => draft(topic, event, Buffer.from(text.slice(0, cut), 'utf8'), 'not-json', `the JSON is cut after ${cut} characters`, invalid(topic))),
      fc.constantFrom('[]', '42', '"event"', 'null', 'true').map((other) => draft(topic, event, Buffer.from(other), 'not-json', 'the JSON is not an object', invalid(topic))),
    );
  });

/** A fresh opaque id nobody has issued. */
const freshId = (prefix: string) => fc.stringMatching(/^[0-9A-Z]{16}$/).map((body) => `${prefix}_FUZZ${body}`);

/**
 * Valid events whose facts come out of order, about real cases when known or cases never opened: France
 * replying to a request never sent, a handover for a case never booked, a boarding without a booking, a
 * decision on a challenge never lodged, presence, biometrics, security results and entries for people or
 * requests the platform does not know. Each handler refuses them: `rejected` dead letters.
 */
export const outOfOrder = (sources: FuzzSources) => {
  const caseId = sources.realCaseIds?.length ? fc.oneof(fc.constantFrom(...sources.realCaseIds), freshId('case')) : freshId('case');
  const eoiId = sources.realEoiIds?.length ? fc.oneof(fc.constantFrom(...sources.realEoiIds), freshId('eoi')) : freshId('eoi');
  const at = '2026-01-05T10:00:00.000Z';
  const fact = <Data>(topic: { name: string }, source: string, subject: string, data: Data, why: string, eventId: string): DraftItem => {
    const envelope = { eventId, type: topic.name, source, subject, occurredAt: at, schemaVersion: 1, correlationId: `fuzz:${subject}`, data };
    const parsed = envelopeSchemaOf(topicNamed(topic.name)).safeParse(envelope);
    if (!parsed.success) throw new Error(`The out-of-order ${topic.name} event is itself invalid: ${parsed.error.message}`);
    return draft(topic.name, envelope, json(envelope), 'out-of-order', why, rejected(topic.name));
  };
  const id = fc.uuid({ version: 4 });
  return fc.oneof(
    fc.tuple(caseId, freshId('req'), id).map(([c, req, e]) => fact(Topics.franceReplied, 'fr-ministry-interior', c, { requestReference: req, caseId: c, kind: 'accepted' }, 'France replies to a request never sent', e)),
    fc.tuple(freshId('case'), freshId('mov'), freshId('hov'), id).map(([c, mov, hov, e]) => fact(Topics.handoverConfirmed, 'fr-ministry-interior', c, { handoverReference: hov, movementId: mov, caseId: c, confirmedAt: at }, 'a handover for a case never booked', e)),
    fc.tuple(caseId, freshId('mov'), id).map(([c, mov, e]) => fact(Topics.boardingRecorded, 'uk-escorts', c, { movementId: mov, caseId: c, outcome: 'boarded', recordedAt: at }, 'a boarding on a movement the case is not booked on', e)),
    fc.tuple(caseId, freshId('chl'), id).map(([c, chl, e]) => fact(Topics.challengeDecided, 'uk-courts', c, { challengeId: chl, caseId: c, outcome: 'dismissed', decidedAt: at }, 'a decision on a challenge never lodged', e)),
    fc.tuple(eoiId, freshId('per'), id).map(([eoi, per, e]) => fact(Topics.presenceConfirmed, 'eoi-portal', eoi, { eoiId: eoi, personId: per, confirmedAt: at, country: 'FRA' }, 'presence confirmed by someone not in the EOI', e)),
    fc.tuple(eoiId, freshId('per'), freshId('vac'), id).map(([eoi, per, vac, e]) =>
      fact(Topics.biometricsCaptured, 'visa-application-centre', eoi, { eoiId: eoi, appointmentReference: vac, personId: per, capturedAt: at, biometricTemplate: `tpl-fuzz-${per}` }, 'biometrics of someone never booked', e),
    ),
    fc.tuple(eoiId, freshId('sec'), freshId('per'), id).map(([eoi, sec, per, e]) => fact(Topics.securityCheckCompleted, 'uk-security-checks', eoi, { eoiId: eoi, checkReference: sec, personId: per, outcome: 'clear', completedAt: at }, 'a security result for a check never requested', e)),
    fc.tuple(freshId('eoi'), freshId('per'), id).map(([eoi, per, e]) => fact(Topics.entryRecorded, 'uk-border-force', eoi, { eoiId: eoi, personId: per, arrivedAt: at, port: 'Dover' }, 'an entry under an EOI never opened', e)),
  );
};

/** A copy of a message the workload already published: the platform must drop it as already processed. */
export const duplicate = (sources: FuzzSources) =>
  fc.constantFrom(...(sources.published ?? [])).map((message) => {
    const value = Buffer.isBuffer(message.value) ? message.value : Buffer.from(message.value, 'utf8');
    const { eventId } = JSON.parse(value.toString('utf8')) as { eventId: string };
    return { topic: message.topic, key: message.key, value, headers: { ...(message.headers ?? {}) }, mutation: 'duplicate', description: `a copy of event ${eventId} on ${message.topic}`, expected: { outcome: 'duplicate', originalEventId: eventId } } satisfies DraftItem;
  });
