import { join } from 'node:path';
import { writeWorkflowBundle } from '@oioo/temporal';
import { WORKFLOWS_ENTRY } from './worker';

/** Builds the workflow bundle ahead of time for production workers (`WORKER_WORKFLOW_BUNDLE`). */
async function main(): Promise<void> {
  const outFile = process.argv[2] ?? join(__dirname, '..', '..', '..', 'dist', 'workflows', 'workflow-bundle.js');
  await writeWorkflowBundle({ workflowsPath: WORKFLOWS_ENTRY, outFile });
  process.stdout.write(`workflow bundle written to ${outFile}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
