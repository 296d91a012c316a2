import { z } from 'zod';
import { commandAnsweredSchema, commandSentSchema } from './command-records';
import { deadLetteredSchema, eventConsumedSchema, eventPublishedSchema } from './event-records';
import { faultHealedSchema, faultInjectedSchema } from './fault-records';
import { ledgerHistorySchema, serviceTablesSchema, workflowViewsSchema } from './final-state-records';
import { runEndedSchema, runStartedSchema } from './run-records';

/** Any record of a chaos run's history, told apart by `type`. */
export const historyRecordSchema = z.discriminatedUnion('type', [
  runStartedSchema,
  runEndedSchema,
  eventPublishedSchema,
  eventConsumedSchema,
  deadLetteredSchema,
  commandSentSchema,
  commandAnsweredSchema,
  faultInjectedSchema,
  faultHealedSchema,
  workflowViewsSchema,
  serviceTablesSchema,
  ledgerHistorySchema,
]);

/** A record of the history. */
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

/** The type names of the records. */
export type HistoryRecordType = HistoryRecord['type'];

/** The record of one type. */
export type RecordOf<T extends HistoryRecordType> = Extract<HistoryRecord, { type: T }>;

/** Distributes `Omit` over the union, so each member keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A record as a producer hands it to the writer, which stamps `seq` and `at`. */
export type HistoryRecordInput = DistributiveOmit<HistoryRecord, 'seq' | 'at'>;
