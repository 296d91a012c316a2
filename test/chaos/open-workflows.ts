import { type Client } from '@temporalio/client';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the chaos run's recorder and checker are the local stack's own (infra).
import { streamHistory } from '../../infra/chaos/history';

/**
 * Terminates the workflows a recorded run left open (the history's final state names them). The run's
 * platform and its data-key vault stop with the spec; left running on the shared server, its cases would
 * keep firing compressed deadlines at the next spec's worker, which cannot decrypt them.
 */
export async function terminateOpenWorkflows(client: Client, historyPath: string): Promise<number> {
  const open: string[] = [];
  for await (const record of streamHistory(historyPath)) {
    if (record.type === 'workflow-views') open.push(...record.views.filter((view) => !view.closed).map((view) => view.workflowId));
  }
  await Promise.all(open.map((workflowId) => client.workflow.getHandle(workflowId).terminate('the short chaos run has ended').catch(() => undefined)));
  return open.length;
}
