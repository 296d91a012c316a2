import { type EventEnvelope, consumedByPlatform, topicCatalogue } from '@oioo/contracts';
import { generateWorkload } from '../workload';

/** Topics the platform's own services consume, so a bad event on them is dead-lettered on their `.dlq`. */
export const FUZZED_TOPICS: readonly string[] = topicCatalogue.filter(consumedByPlatform).map((topic) => topic.name);

/** Valid events of each fuzzed topic, the raw material the mutations spoil. */
export type BaseEvents = ReadonlyMap<string, readonly EventEnvelope<unknown>[]>;

/**
 * A few valid events of every topic the platform consumes, taken from a short workload of the same seed:
 * realistic, already validated by the contract schemas (references the platform makes up are well-formed
 * placeholders). Stops as soon as every topic has `perTopic`.
 */
export function baseEventsOf(seed: number, perTopic = 12): BaseEvents {
  const pools = new Map<string, EventEnvelope<unknown>[]>(FUZZED_TOPICS.map((name) => [name, []]));
  const full = () => [...pools.values()].every((pool) => pool.length >= perTopic);
  for (const action of generateWorkload({ seed, days: 365 })) {
    if (action.kind !== 'publish') continue;
    const pool = pools.get(action.topic);
    if (pool && pool.length < perTopic) pool.push(action.envelope);
    if (full()) break;
  }
  const missing = [...pools].filter(([, pool]) => pool.length === 0).map(([name]) => name);
  if (missing.length > 0) throw new Error(`The workload published no event on ${missing.join(', ')} to fuzz from`);
  return pools;
}
