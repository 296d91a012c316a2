import { caseIdSchema, eoiIdSchema, eoiWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import type { CaseRef } from '../cases/case-ref';

/** The case a workflow id names (`readmission:case_...`, `eoi:eoi_...`), or undefined for any other workflow or a malformed id. */
export function caseRefOfWorkflowId(workflowId: string | undefined): CaseRef | undefined {
  if (workflowId === undefined) return undefined;
  const separator = workflowId.indexOf(':');
  const prefix = workflowId.slice(0, separator);
  const id = workflowId.slice(separator + 1);
  if (prefix === 'readmission' && caseIdSchema.safeParse(id).success && readmissionWorkflowId(id) === workflowId) return { kind: 'readmission', id, workflowId };
  if (prefix === 'eoi' && eoiIdSchema.safeParse(id).success && eoiWorkflowId(id) === workflowId) return { kind: 'eoi', id, workflowId };
  return undefined;
}
