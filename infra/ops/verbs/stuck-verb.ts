import { type OpsInvocation } from '../ops-arguments';
import { auditedRead } from '../audited-action';
import { humanDuration, table } from '../ops-output';
import { findStuckCases } from '../stuck-cases';
import { type VerbContext } from '../run-ops';

/** `stuck`: lists the cases that need an operator, each with why; logged with the cases found. */
export async function runStuck(invocation: Extract<OpsInvocation, { verb: 'stuck' }>, context: VerbContext): Promise<number> {
  const client = await context.temporal();
  const cases = await auditedRead(
    context.log,
    { verb: 'stuck', arguments: { grace: humanDuration(invocation.graceMs), 'activity-after': humanDuration(invocation.activityAfterMs), 'task-attempts': invocation.taskAttempts, limit: invocation.limit } },
    async () => {
      const found = await findStuckCases(client, invocation, context.output);
      return { value: found, targets: found.map((stuck) => stuck.workflowId), detail: `${found.length} stuck case(s)` };
    },
  );
  for (const line of table(['WORKFLOW', 'KIND', 'STATE', 'WHY'], cases.map((stuck) => [stuck.workflowId, stuck.kind, stuck.state, stuck.reasons.join('; ')]), 'No stuck cases.')) context.output.line(line);
  if (cases.length > 0) context.output.progress(`\n${cases.length} stuck case(s). What to do for each reason: docs/operations.md#stuck-cases`);
  return 0;
}
