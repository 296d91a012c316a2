import { type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflowsForWorker } from '@oioo/temporal';

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** Bundles a workflows module once per test process; webpack takes seconds, and every test of a file can share it. */
export function cachedWorkflowBundle(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowsForWorker({ workflowsPath });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}
