import { z } from 'zod';
import { opaqueRef, recordHeader } from './record-fields';

/** The kinds of fault the nemesis injects. */
export const faultKindSchema = z.enum(['kill-worker', 'kill-service', 'kill-broker', 'kill-temporal', 'latency', 'reset', 'partition']);

/** The nemesis injected a fault (a kill, or a toxic on a proxied link). */
export const faultInjectedSchema = z.object({
  type: z.literal('fault-injected'),
  ...recordHeader,
  /** Pairs the fault with its healing. */
  faultId: opaqueRef,
  kind: faultKindSchema,
  /** What it hit: a process (`worker-2`, `transport-1`, `kafka-3`) or a link (`link:transport:kafka`). */
  target: opaqueRef,
  /** Its parameters (latency in ms, pause before restart, duration...). */
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

/** The nemesis healed a fault: the process is back (restarted) or the toxic removed. */
export const faultHealedSchema = z.object({
  type: z.literal('fault-healed'),
  ...recordHeader,
  faultId: opaqueRef,
});

/** A kind of fault. */
export type FaultKind = z.infer<typeof faultKindSchema>;
