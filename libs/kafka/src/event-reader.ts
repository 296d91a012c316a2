import { type z } from 'zod';
import { topicVersion, type EventEnvelope, type TopicDefinition } from '@oioo/contracts';
import { envelopeSchemaOf } from './envelope-schemas';
import { describeProblems, fieldProblems } from './zod-issues';

/** The outcome of reading a message as an event of its topic. */
export type ReadResult<Data> = { ok: true; event: EventEnvelope<Data> } | { ok: false; reason: string };

/**
 * Reads a message value as an event of the topic: JSON, the envelope and data schemas, and the
 * `type` and `schemaVersion` the topic promises. The reason names fields and rules, never values.
 */
export function readEvent<Data extends z.ZodType>(topic: TopicDefinition<Data>, value: Buffer | null): ReadResult<z.output<Data>> {
  if (value === null || value.length === 0) {
    return { ok: false, reason: `Message on ${topic.name} has no value; expected a JSON event envelope.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `Message on ${topic.name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  // The topic checks come first: an event of another type explains every data error that follows.
  const problems = topicProblems(topic.name, json);
  const parsed = envelopeSchemaOf(topic).safeParse(json);
  if (!parsed.success) problems.push(...fieldProblems(parsed.error.issues));
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, reason: `Message on ${topic.name} is not a valid ${topic.name} event: ${describeProblems(problems)}` };
  }
  return { ok: true, event: parsed.data };
}

/** Problems with `type` and `schemaVersion` when they are present but belong to another topic or version. */
function topicProblems(topicName: string, json: unknown): { path: string; message: string }[] {
  if (typeof json !== 'object' || json === null) return [];
  const { type, schemaVersion } = json as { type?: unknown; schemaVersion?: unknown };
  const problems: { path: string; message: string }[] = [];
  if (typeof type === 'string' && type !== topicName) {
    problems.push({ path: 'type', message: `must equal the topic name ${topicName}, but is ${JSON.stringify(type.slice(0, 200))}` });
  }
  const version = topicVersion(topicName);
  if (typeof schemaVersion === 'number' && schemaVersion !== version) {
    problems.push({ path: 'schemaVersion', message: `must be ${version}, the version of topic ${topicName}, but is ${schemaVersion}` });
  }
  return problems;
}
