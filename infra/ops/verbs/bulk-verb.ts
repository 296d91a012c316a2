import { type OpsInvocation } from '../ops-arguments';
import { auditedAction } from '../audited-action';
import { type BulkKind, runBatch, selectWorkflows } from '../bulk-operations';
import { table } from '../ops-output';
import { type VerbContext } from '../run-ops';

/** `bulk signal|cancel|terminate`: a dry run lists the selection; otherwise one audited Temporal batch operation. */
export async function runBulk(invocation: Extract<OpsInvocation, { verb: 'bulk.signal' | 'bulk.cancel' | 'bulk.terminate' }>, context: VerbContext): Promise<number> {
  const client = await context.temporal();
  const kind = invocation.verb.slice('bulk.'.length) as BulkKind;
  const signal = invocation.verb === 'bulk.signal' ? { name: invocation.signal, input: invocation.input } : undefined;
  const args = { query: invocation.query, 'dry-run': invocation.dryRun, ...(signal ? { signal: signal.name } : {}) };
  const action = { verb: invocation.verb, arguments: args, reason: invocation.reason };
  context.output.progress(`bulk: selecting the workflows of ${invocation.query} ...`);
  const selected = await selectWorkflows(client, invocation.query);
  if (invocation.dryRun) {
    await context.log.record({ ...action, targets: selected.slice(0, 1000).map((info) => info.workflowId), outcome: 'dry-run', detail: `${selected.length} workflow(s) selected; nothing changed` });
    for (const line of table(['WORKFLOW', 'TYPE', 'STATUS'], selected.map((info) => [info.workflowId, info.type, info.status]), 'The query selects no workflow.')) context.output.line(line);
    context.output.progress(`\nDry run: ${selected.length} workflow(s) would be ${signal ? `signalled ${signal.name}` : kind === 'cancel' ? 'cancelled' : 'terminated'}. Run again without --dry-run to do it.`);
    return 0;
  }
  if (selected.length === 0) {
    await context.log.record({ ...action, outcome: 'succeeded', detail: 'the query selected no workflow; no batch was started' });
    context.output.line('The query selects no workflow; nothing to do.');
    return 0;
  }
  const result = await auditedAction(context.log, { ...action, targets: selected.map((info) => info.workflowId) }, async () => {
    const batch = await runBatch(client, { kind, query: invocation.query, reason: invocation.reason, identity: context.identity, ...(signal ? { signal } : {}) }, context.output);
    return {
      targets: [batch.jobId, ...selected.map((info) => info.workflowId)],
      detail: `batch job ${batch.jobId} ${batch.state}: ${batch.completed} done, ${batch.failed} failed of ${batch.total}`,
      outcome: batch.state === 'completed' && batch.failed === 0 ? 'succeeded' : 'failed',
    };
  });
  context.output.line(result.detail);
  return result.outcome === 'succeeded' ? 0 : 1;
}
