import { type DataConverter, type Payload, type SerializationContext, defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One history event as the export shows it: id, time, type, and its attributes with every payload decoded. */
export interface DecodedHistoryEvent {
  eventId: string;
  at: string;
  type: string;
  attributes: Record<string, Json>;
}

/** Bookkeeping of the workflow's tasks: no fact about the person, so left out of the export. */
const BOOKKEEPING_EVENTS = new Set(['WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted']);

/** `EVENT_TYPE_WORKFLOW_EXECUTION_STARTED` → `WorkflowExecutionStarted`. */
function eventTypeName(code: number | null | undefined): string {
  const name = temporal.api.enums.v1.EventType[code ?? 0] ?? `EventType${code}`;
  return name
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_match, _sep: string, letter: string) => letter.toUpperCase());
}

function isLong(value: object): value is { toString(): string } {
  return 'low' in value && 'high' in value && 'unsigned' in value;
}

function isPayload(value: object): value is Payload {
  const metadata = (value as { metadata?: unknown }).metadata;
  const data = (value as { data?: unknown }).data;
  return (
    metadata !== null &&
    typeof metadata === 'object' &&
    Object.values(metadata).every((entry) => entry instanceof Uint8Array) &&
    (data === undefined || data === null || data instanceof Uint8Array) &&
    Object.keys(value).every((key) => key === 'metadata' || key === 'data' || key === 'externalPayloads')
  );
}

function timestampIso(value: { seconds?: unknown; nanos?: unknown }): string {
  const seconds = Number(String(value.seconds ?? 0));
  const nanos = Number(value.nanos ?? 0);
  return new Date(seconds * 1000 + Math.floor(nanos / 1_000_000)).toISOString();
}

/**
 * Decodes a workflow's history through the platform's data converter (its payload codecs, then the default
 * JSON conversion), with the workflow as the serialization context so a codec that keys payloads per case
 * finds the case's key. A payload that cannot be decoded (a removed key, a shredded case) is reported as such
 * rather than failing the export: what cannot be read is not held in a readable form.
 */
export class HistoryDecoder {
  constructor(
    private readonly converter: DataConverter,
    private readonly namespace: string,
  ) {}

  /** The events of `history` worth showing, in order, each with its payloads decoded. */
  async decode(workflowId: string, history: temporal.api.history.v1.IHistory): Promise<DecodedHistoryEvent[]> {
    const context: SerializationContext = { type: 'workflow', namespace: this.namespace, workflowId };
    const events: DecodedHistoryEvent[] = [];
    for (const event of history.events ?? []) {
      const type = eventTypeName(event.eventType);
      if (BOOKKEEPING_EVENTS.has(type)) continue;
      const key = Object.keys(event).find((name) => name.endsWith('EventAttributes') && (event as Record<string, unknown>)[name]);
      const attributes = key ? await this.plain((event as Record<string, unknown>)[key], context, key) : {};
      events.push({ eventId: String(event.eventId ?? ''), at: event.eventTime ? timestampIso(event.eventTime) : '', type, attributes: (attributes ?? {}) as Record<string, Json> });
    }
    return events;
  }

  /** A protobuf value as JSON: payloads decoded, 64-bit integers as strings, timestamps (`...Time`) as ISO 8601. */
  private async plain(value: unknown, context: SerializationContext, key: string): Promise<Json | undefined> {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if (Array.isArray(value)) {
      const items: Json[] = [];
      for (const item of value) items.push((await this.plain(item, context, key)) ?? null);
      return items;
    }
    if (typeof value !== 'object') return String(value);
    if (isLong(value)) return value.toString();
    if (isPayload(value)) return this.decodePayload(value, context);
    if (key.endsWith('Time') && 'seconds' in value) return timestampIso(value as { seconds?: unknown; nanos?: unknown });
    const out: Record<string, Json> = {};
    for (const [name, field] of Object.entries(value)) {
      const converted = await this.plain(field, context, name);
      if (converted !== undefined) out[name] = converted;
    }
    return out;
  }

  private async decodePayload(payload: Payload, context: SerializationContext): Promise<Json> {
    let decoded = [payload];
    try {
      // Codecs decode in the reverse order they encoded.
      for (const codec of [...(this.converter.payloadCodecs ?? [])].reverse()) decoded = await codec.decode(decoded, context);
      return (defaultPayloadConverter.fromPayload(decoded[0] as Payload) ?? null) as Json;
    } catch (error) {
      return { undecodable: error instanceof Error ? error.name : 'Error' };
    }
  }
}
