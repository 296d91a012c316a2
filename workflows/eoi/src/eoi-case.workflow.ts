import type { EoiCaseInput, EoiCaseResult } from './definitions';

/** The EOI case workflow: one per expression of interest or family (E1–E8). Under construction. */
export async function eoiCaseWorkflow(input: EoiCaseInput): Promise<EoiCaseResult> {
  return { eoiId: input.eoiId, outcome: 'withdrawn', reason: 'not built yet', admitted: 0 };
}
