import { z } from 'zod';

/** A workflow id as the vault accepts it: opaque ids such as `readmission:case_...`, never personal data. */
export const vaultWorkflowIdSchema = z.string().min(1).max(200).regex(/^[A-Za-z0-9:_.-]+$/, 'must be an opaque workflow id');

/** A case's data key as the vault holds it: wrapped (encrypted) by one key of the codec key ring, never in clear. */
export const wrappedDataKeySchema = z.strictObject({
  workflowId: vaultWorkflowIdSchema,
  /** The key-ring key that wrapped it; rotation re-wraps with the active one. */
  wrappingKeyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Base64 of IV, wrapped key and tag. */
  wrappedKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200),
});

/** A case's data key as the vault holds it: wrapped (encrypted) by one key of the codec key ring, never in clear. */
export type WrappedDataKey = z.infer<typeof wrappedDataKeySchema>;

/** A case whose data key was destroyed (S4 crypto-shredding): when and why, so a failed decode can say so. */
export const destroyedDataKeySchema = z.strictObject({
  workflowId: vaultWorkflowIdSchema,
  destroyedAt: z.iso.datetime({ offset: true }),
  reason: z.string().min(1).max(200),
});

/** A case whose data key was destroyed (S4 crypto-shredding): when and why, so a failed decode can say so. */
export type DestroyedDataKey = z.infer<typeof destroyedDataKeySchema>;

/** The vault's answer for one workflow: its wrapped key, or the record of its destruction. */
export const dataKeyLookupSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('active'), key: wrappedDataKeySchema }),
  z.strictObject({ state: z.literal('destroyed'), destroyed: destroyedDataKeySchema }),
]);

/** The vault's answer for one workflow: its wrapped key, or the record of its destruction. */
export type DataKeyLookup = z.infer<typeof dataKeyLookupSchema>;
