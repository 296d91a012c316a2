import { isOpaqueId } from './ids';

/** Builds a workflow ID from a kind and an opaque id, refusing anything that could carry personal data (S3). */
function workflowId(kind: string, id: string): string {
  if (!isOpaqueId(id)) throw new Error(`Workflow IDs are built from opaque ids only; got a value of length ${id.length}`);
  return `${kind}:${id}`;
}

/** Workflow ID of a readmission case: deterministic, so a duplicate arrival finds the same case. */
export function readmissionWorkflowId(caseId: string): string {
  return workflowId('readmission', caseId);
}

/** Workflow ID of a health probe. */
export function probeWorkflowId(probeId: string): string {
  return workflowId('probe', probeId);
}
