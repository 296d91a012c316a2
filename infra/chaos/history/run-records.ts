import { z } from 'zod';
import { opaqueRef, recordHeader } from './record-fields';

/** Which consumer groups must process each topic the run publishes to; the checker expects each of them to handle each event. */
export const subscriptionSchema = z.object({
  topic: z.string().min(1).max(249),
  groups: z.array(opaqueRef).min(1).max(31),
});

/** The first record: the seed that replays the run, its settings, the software versions and who consumes what. */
export const runStartedSchema = z.object({
  type: z.literal('run-started'),
  ...recordHeader,
  runId: opaqueRef,
  /** The generator's and nemesis's seed: the same seed replays the same run. */
  seed: z.union([z.string().min(1).max(200), z.number().int()]),
  /** The run's settings (offered rate, duration, fault bounds...): numbers, strings, flags only. */
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Versions of what ran (git commit, Temporal CLI, Kafka, Node...). */
  versions: z.record(z.string(), z.string()),
  subscriptions: z.array(subscriptionSchema),
});

/** The last record: the run stopped, as planned or not. */
export const runEndedSchema = z.object({
  type: z.literal('run-ended'),
  ...recordHeader,
  outcome: z.enum(['completed', 'aborted']),
  /** Why an aborted run stopped (no personal data: a code or a sentence of the harness). */
  reason: z.string().max(1000).optional(),
});

/** A consumer group's subscription to a topic. */
export type Subscription = z.infer<typeof subscriptionSchema>;
