import { TaskQueues } from '@oioo/contracts';
import * as domain from '@oioo/domain';

/** Bundling fixture: a workflow that reaches the workspace libraries through their tsconfig path aliases. */
export async function aliasesWorkflow(): Promise<{ queue: string; domainExports: number }> {
  return { queue: TaskQueues.platform, domainExports: Object.keys(domain).length };
}
