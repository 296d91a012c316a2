import { HttpStatus } from '@nestjs/common';
import { ProblemError } from '@oioo/auth';
import { caseIdSchema, eoiIdSchema, eoiWorkflowId, readmissionWorkflowId } from '@oioo/contracts';

/** A case named in a request path, its id checked for shape before anything asks Temporal. */
export interface CaseRef {
  kind: 'readmission' | 'eoi';
  id: string;
  workflowId: string;
}

/** The case a path names; a malformed id is a 400 naming the parameter (it cannot be anyone's case). */
export function caseRefOf(kind: 'readmission' | 'eoi', id: string | undefined): CaseRef {
  const schema = kind === 'readmission' ? caseIdSchema : eoiIdSchema;
  const field = kind === 'readmission' ? 'caseId' : 'eoiId';
  const parsed = schema.safeParse(id);
  if (!parsed.success) {
    throw new ProblemError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', `${field} is not a valid id`, [{ field, message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  }
  return { kind, id: parsed.data, workflowId: kind === 'readmission' ? readmissionWorkflowId(parsed.data) : eoiWorkflowId(parsed.data) };
}

/** The one answer for a case that does not exist and for one the caller may not reach, so neither tells the other apart (BOLA). */
export function caseNotFound(ref: CaseRef): ProblemError {
  return new ProblemError(HttpStatus.NOT_FOUND, 'CASE_NOT_FOUND', `no ${ref.kind === 'readmission' ? 'readmission case' : 'EOI case'} ${ref.id} that you may see`);
}
