import { deadLetterTopicOf, topicCatalogue, topicsToProvision, topicVersion, type Party, type TopicDefinition } from '@oioo/contracts';
import { dataSchemaOf, payloadSchemaOf, type JsonSchema } from './surface-schemas';

/** A topic as it is provisioned: name, parallelism and how long messages are kept. */
export interface ProvisionedTopic {
  name: string;
  partitions: number;
  retentionMs: number;
}

/** One catalogue topic with everything the documents say about it. */
export interface SurfaceTopic extends ProvisionedTopic {
  definition: TopicDefinition;
  description: string;
  version: number;
  producers: Party[];
  consumers: Party[];
  /** The whole message value: envelope and data. */
  payloadSchema: JsonSchema;
  dataSchema: JsonSchema;
  /** Absent when nobody consumes the topic, since only consumers dead-letter. */
  deadLetter?: ProvisionedTopic;
}

/** A producer or consumer of the surface, with the topics it uses. */
export interface SurfaceParty {
  name: Party;
  publishes: string[];
  consumes: string[];
  /** Dead-letter topics it writes to, one per topic it consumes. */
  deadLetters: string[];
}

/** The integration surface: every topic and party, sorted by name so documents diff cleanly whatever the catalogue's order. */
export interface IntegrationSurface {
  topics: SurfaceTopic[];
  parties: SurfaceParty[];
}

/** Plain code-unit order: unlike `localeCompare`, the same on every machine. */
export function byName(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Reads the integration surface from the topic catalogue; provisioning facts come from `topicsToProvision()`, the list the cluster is built from. */
export function integrationSurface(): IntegrationSurface {
  const provisioned = new Map(topicsToProvision().map((topic) => [topic.name, topic]));
  const topics = [...topicCatalogue]
    .sort((left, right) => byName(left.name, right.name))
    .map((definition): SurfaceTopic => {
      const main = provisioned.get(definition.name);
      if (!main) throw new Error(`Topic ${definition.name} is in the catalogue but not in topicsToProvision()`);
      const deadLetter = provisioned.get(deadLetterTopicOf(definition.name));
      return {
        definition,
        name: definition.name,
        description: definition.description,
        version: topicVersion(definition.name),
        partitions: main.partitions,
        retentionMs: main.retentionMs,
        producers: [...definition.producers].sort(byName),
        consumers: [...definition.consumers].sort(byName),
        payloadSchema: payloadSchemaOf(definition),
        dataSchema: dataSchemaOf(definition),
        ...(deadLetter ? { deadLetter: { ...deadLetter } } : {}),
      };
    });
  return { topics, parties: partiesOf(topics) };
}

function partiesOf(topics: readonly SurfaceTopic[]): SurfaceParty[] {
  const parties = new Map<Party, SurfaceParty>();
  const party = (name: Party): SurfaceParty => {
    let entry = parties.get(name);
    if (!entry) {
      entry = { name, publishes: [], consumes: [], deadLetters: [] };
      parties.set(name, entry);
    }
    return entry;
  };
  // Topics arrive sorted, so each party's lists are sorted too.
  for (const topic of topics) {
    for (const producer of topic.producers) party(producer).publishes.push(topic.name);
    for (const consumer of topic.consumers) {
      party(consumer).consumes.push(topic.name);
      if (topic.deadLetter) party(consumer).deadLetters.push(topic.deadLetter.name);
    }
  }
  return [...parties.values()].sort((left, right) => byName(left.name, right.name));
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Retention as people say it: whole days or hours when it is one, else milliseconds. */
export function formatRetention(retentionMs: number): string {
  if (retentionMs < 0) return 'forever';
  if (retentionMs % DAY_MS === 0) return plural(retentionMs / DAY_MS, 'day');
  if (retentionMs % HOUR_MS === 0) return plural(retentionMs / HOUR_MS, 'hour');
  return `${retentionMs} ms`;
}

/** `1 day`, `2 days`. */
export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
