import { isOpaqueId } from '@oioo/contracts';

/*
 * Workflow IDs of the ledger and of the EOI cases it notifies. They belong in libs/contracts/src/workflow-ids.ts
 * beside readmissionWorkflowId; they live here until they move there.
 */

/** Builds a workflow ID from a kind and an opaque id with the given prefix, refusing anything that could carry personal data (S3). */
function workflowId(kind: string, prefix: string, id: string): string {
  if (typeof id !== 'string' || !isOpaqueId(id) || !id.startsWith(`${prefix}_`)) {
    throw new Error(`Workflow IDs are built from opaque ids only (${prefix}_...); got a value of length ${String(id).length}`);
  }
  return `${kind}:${id}`;
}

/** Workflow ID of a pilot's equivalence ledger: one per pilot, so every caller reaches the same one. */
export function ledgerWorkflowId(pilotId: string): string {
  return workflowId('ledger', 'pilot', pilotId);
}

/** Workflow ID of an EOI case (one per EOI or family), which the ledger signals when it releases places. */
export function eoiWorkflowId(eoiId: string): string {
  return workflowId('eoi', 'eoi', eoiId);
}
