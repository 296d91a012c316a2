import type { z } from 'zod';
import { arrivalRecordedDataSchema } from './events/arrival-recorded.event';

/** Topic names read `<context>.<entity>.<event>.v<N>`. */
const TOPIC_NAME = /^[a-z][a-z-]*\.[a-z][a-z-]*\.[a-z][a-z-]*\.v[1-9][0-9]*$/;

/** Suffix of the dead-letter topic kept beside every consumed topic. */
export const DEAD_LETTER_SUFFIX = '.dlq';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A service or agency that produces or consumes a topic. */
export type Party =
  | 'uk-border-force'
  | 'identity'
  | 'legal-review'
  | 'transport'
  | 'fr-ministry-interior'
  | 'courts'
  | 'eoi-portal'
  | 'joint-committee';

/** One entry of the topic catalogue: the topic, its data schema and how it is provisioned. */
export interface TopicDefinition<Data extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  data: Data;
  partitions: number;
  retentionMs: number;
  producers: readonly Party[];
  consumers: readonly Party[];
}

/** Defines a topic, checking its name against the naming convention once, at load time. */
function topic<Data extends z.ZodType>(definition: TopicDefinition<Data>): TopicDefinition<Data> {
  if (!TOPIC_NAME.test(definition.name)) {
    throw new Error(`Topic name "${definition.name}" does not read <context>.<entity>.<event>.v<N>`);
  }
  return definition;
}

/** Every topic of the integration surface. Topics are created from this list, never auto-created. */
export const Topics = {
  arrivalRecorded: topic({
    name: 'border-force.arrival.recorded.v1',
    description: 'Border Force recorded a small-boat arrival; opens a readmission case.',
    data: arrivalRecordedDataSchema,
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    producers: ['uk-border-force'],
    consumers: ['identity'],
  }),
} as const;

/** The catalogue as a list. */
export const topicCatalogue: readonly TopicDefinition[] = Object.values(Topics);

/** Name of the dead-letter topic for a consumed topic. */
export function deadLetterTopicOf(topicName: string): string {
  return `${topicName}${DEAD_LETTER_SUFFIX}`;
}

/** Version number carried in a topic's name; events on it carry the same `schemaVersion`. */
export function topicVersion(topicName: string): number {
  const match = /\.v([0-9]+)$/.exec(topicName);
  if (!match?.[1]) throw new Error(`Topic name "${topicName}" has no version suffix`);
  return Number(match[1]);
}

/** Topics to provision: every catalogued topic, plus a dead-letter topic for each consumed one. */
export function topicsToProvision(): { name: string; partitions: number; retentionMs: number }[] {
  return topicCatalogue.flatMap((definition) => {
    const main = { name: definition.name, partitions: definition.partitions, retentionMs: definition.retentionMs };
    if (definition.consumers.length === 0) return [main];
    // Dead letters wait for a person to look at them, so they are kept longer and need no parallelism.
    return [main, { name: deadLetterTopicOf(definition.name), partitions: 1, retentionMs: 90 * DAY_MS }];
  });
}
