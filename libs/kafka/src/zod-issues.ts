/** A validation problem: where in the event, and what is wrong (never the offending value, which may be personal data). */
export interface FieldProblem {
  path: string;
  message: string;
}

const MAX_LISTED = 20;

/** Turns zod issues into field problems with dotted paths such as `data.crossingEvidence.0.kind`. */
export function fieldProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldProblem[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(whole event)', message: issue.message }));
}

/** One human sentence listing the problems, shortened when there are many. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED).map(({ path, message }) => `${path}: ${message}`);
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  return listed.join('; ') + more;
}
