import { isOpaqueId } from './opaque-id';

/**
 * Builds a workflow ID from a kind and an opaque id, refusing anything that could carry personal data
 * (S3); with a prefix, also an id of another kind (a case id where an EOI id belongs).
 */
function workflowId(kind: string, id: string, prefix?: string): string {
  if (typeof id !== 'string' || !isOpaqueId(id) || (prefix !== undefined && !id.startsWith(`${prefix}_`))) {
    throw new Error(`Workflow IDs are built from opaque ids only (${prefix ?? 'kind'}_...); got a value of length ${String(id).length}`);
  }
  return `${kind}:${id}`;
}

/** Workflow ID of a readmission case: deterministic, so a duplicate arrival finds the same case. */
export function readmissionWorkflowId(caseId: string): string {
  return workflowId('readmission', caseId);
}

/** Workflow ID of an EOI case (one per EOI or family, E5): a redelivered submission finds the same case. */
export function eoiWorkflowId(eoiId: string): string {
  return workflowId('eoi', eoiId, 'eoi');
}

/** Workflow ID of a pilot's equivalence ledger: one per pilot, so every caller reaches the same one. */
export function ledgerWorkflowId(pilotId: string): string {
  return workflowId('ledger', pilotId, 'pilot');
}

/** Workflow ID of a health probe. */
export function probeWorkflowId(probeId: string): string {
  return workflowId('probe', probeId);
}

/** True for the workflows of cases (readmission and EOI), whose payloads hold personal data and are shredded by retention (S4). */
export function isCaseWorkflowId(workflowId: string): boolean {
  return workflowId.startsWith('readmission:') || workflowId.startsWith('eoi:');
}

/** S4: id of the Schedule that starts the retention sweep, and the prefix of the sweeps it starts (the server appends the time). */
export const RETENTION_SWEEP_SCHEDULE_ID = 'retention-sweep';
