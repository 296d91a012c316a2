import { type DataConverter } from '@temporalio/common';
import { type OpsInvocation } from '../ops-arguments';
import { auditedRead } from '../audited-action';
import { table } from '../ops-output';
import { replayHistories } from '../replay-histories';
import { type VerbContext } from '../run-ops';

/** `replay`: replays the selected histories against the workflow code to deploy; exit 1 if any fails. */
export async function runReplay(invocation: Extract<OpsInvocation, { verb: 'replay' }>, context: VerbContext, code: { bundlePath?: string; dataConverter: DataConverter }): Promise<number> {
  const client = await context.temporal();
  const outcomes = await auditedRead(context.log, { verb: 'replay', arguments: { query: invocation.query, limit: invocation.limit, ...(code.bundlePath ? { bundle: code.bundlePath } : {}) } }, async () => {
    const replayed = await replayHistories(client, { query: invocation.query, limit: invocation.limit, ...code }, context.output);
    const failed = replayed.filter((outcome) => !outcome.ok).length;
    return { value: replayed, targets: replayed.map((outcome) => outcome.workflowId), detail: `${replayed.length} replayed, ${failed} failed` };
  });
  for (const line of table(['WORKFLOW', 'RESULT'], outcomes.map((outcome) => [outcome.workflowId, outcome.ok ? 'ok' : `FAILED: ${outcome.error ?? ''}`]), 'No workflow matches the query.')) context.output.line(line);
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  context.output.progress(`\nreplay: ${outcomes.length} replayed, ${failed} failed${failed > 0 ? ': do not deploy; see docs/operations.md#upgrading-workflow-code-on-live-cases' : ''}`);
  return failed > 0 ? 1 : 0;
}
