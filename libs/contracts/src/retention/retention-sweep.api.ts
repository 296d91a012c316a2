import { z } from 'zod';
import { RETENTION_CLASSES } from './retention-policy';

/** Body of `POST /internal/v1/retention/sweep`: delete what is past its period as of `asOf` (S4). */
export const retentionSweepBodySchema = z.strictObject({ asOf: z.iso.datetime({ offset: true }) });

/** A retention sweep's request. */
export type RetentionSweepBody = z.infer<typeof retentionSweepBodySchema>;

/** Rows deleted per data class by one sweep; a class the service does not own is absent. */
export const retentionSweepCountsSchema = z.partialRecord(z.enum(RETENTION_CLASSES), z.number().int().min(0));

/** A service's answer to a sweep: what it deleted, per class, and the cutoff each class was swept to. */
export const retentionSweepResultSchema = z.object({
  asOf: z.string(),
  deleted: retentionSweepCountsSchema,
  cutoffs: z.partialRecord(z.enum(RETENTION_CLASSES), z.string()),
});

/** A service's answer to a sweep. */
export type RetentionSweepResult = z.infer<typeof retentionSweepResultSchema>;

/** Body of casework's `POST /internal/v1/data-keys/destroy`: crypto-shred these closed cases' histories. */
export const destroyDataKeysBodySchema = z.strictObject({ workflowIds: z.array(z.string().min(1)).min(1).max(500), reason: z.literal('retention') });

/** What the data-key vault did with each workflow id it was given. */
export const destroyDataKeysResultSchema = z.object({ destroyed: z.array(z.string()), alreadyDestroyed: z.array(z.string()), unknown: z.array(z.string()) });

/** The data-key vault's answer. */
export type DestroyDataKeysResult = z.infer<typeof destroyDataKeysResultSchema>;
