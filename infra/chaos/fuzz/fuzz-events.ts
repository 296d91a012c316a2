import fc from 'fast-check';
import { hash32 } from '../workload';
import {
  type DraftItem,
  type FuzzSources,
  deepNesting,
  duplicate,
  hugeString,
  invalidUtf8,
  missingField,
  notJson,
  outOfOrder,
  prototypePollution,
  unknownEnum,
  wrongTopic,
  wrongType,
  wrongVersion,
} from './bad-event-arbitraries';
import { baseEventsOf } from './base-events';
import { type FuzzItem, type FuzzMutation, FuzzHeaders, type PublishedMessage } from './fuzz-item';

/** How often each mutation comes, relative to the others; huge strings are rare, they weigh up to a megabyte each. */
export const DEFAULT_FUZZ_WEIGHTS: Readonly<Record<FuzzMutation, number>> = {
  'wrong-type': 15,
  'missing-field': 15,
  'unknown-enum': 10,
  'wrong-topic': 8,
  'wrong-version': 6,
  'huge-string': 2,
  'invalid-utf8': 8,
  'deep-nesting': 4,
  'prototype-pollution': 8,
  'not-json': 7,
  'out-of-order': 10,
  duplicate: 7,
};

/** Settings of a fuzz stream. */
export interface FuzzOptions {
  seed: number;
  count: number;
  /** Messages the workload published: duplicates copy them (none without). */
  published?: readonly PublishedMessage[];
  /** Ids of real readmission cases and EOIs: out-of-order facts name them as well as cases never opened. */
  realCaseIds?: readonly string[];
  realEoiIds?: readonly string[];
  weights?: Partial<Record<FuzzMutation, number>>;
}

/**
 * Bad events for the topics the platform consumes, as raw Kafka messages with what each is and what must
 * become of it, generated lazily with fast-check from a seed: item `n` is the same for the same seed
 * whatever the count, and nothing is kept between items, so 100,000 cost only the time to make them.
 */
export function* fuzzEvents(options: FuzzOptions): Generator<FuzzItem> {
  const sources: FuzzSources = {
    base: baseEventsOf(options.seed),
    ...(options.published ? { published: options.published } : {}),
    ...(options.realCaseIds ? { realCaseIds: options.realCaseIds } : {}),
    ...(options.realEoiIds ? { realEoiIds: options.realEoiIds } : {}),
  };
  const weights = { ...DEFAULT_FUZZ_WEIGHTS, ...options.weights };
  if (!sources.published?.length) weights.duplicate = 0;
  const makers: Record<FuzzMutation, (sources: FuzzSources) => fc.Arbitrary<DraftItem>> = {
    'wrong-type': wrongType,
    'missing-field': missingField,
    'unknown-enum': unknownEnum,
    'wrong-topic': wrongTopic,
    'wrong-version': wrongVersion,
    'huge-string': hugeString,
    'invalid-utf8': invalidUtf8,
    'deep-nesting': deepNesting,
    'prototype-pollution': prototypePollution,
    'not-json': notJson,
    'out-of-order': outOfOrder,
    duplicate,
  };
  const weighted = (Object.keys(makers) as FuzzMutation[]).filter((mutation) => weights[mutation] > 0).map((mutation) => ({ arbitrary: makers[mutation](sources), weight: weights[mutation] }));
  if (weighted.length === 0) throw new Error('Every fuzz weight is 0: nothing to generate');
  const item = fc.oneof(...weighted);
  for (let seq = 0; seq < options.count; seq += 1) {
    const [drafted] = fc.sample(item, { seed: hash32(`${options.seed}|fuzz|${seq}`) | 0, numRuns: 1 }) as [DraftItem];
    yield { ...drafted, seq, headers: { ...drafted.headers, [FuzzHeaders.mutation]: drafted.mutation, [FuzzHeaders.seq]: String(seq) } };
  }
}
