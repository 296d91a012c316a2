import { join } from 'node:path';
import { WORKFLOW_TRACING_MODULE, writeWorkflowBundle } from '@oioo/temporal';
import { WORKFLOWS_ENTRY } from './worker';

/**
 * Builds the workflow bundle ahead of time for production workers (`WORKER_WORKFLOW_BUNDLE`). Built with
 * `OTEL_EXPORTER_OTLP_ENDPOINT` set, it carries the tracing workflow interceptors, for workers that trace;
 * a worker without tracing needs a bundle built without it.
 */
async function main(): Promise<void> {
  const outFile = process.argv[2] ?? join(__dirname, '..', '..', '..', 'dist', 'workflows', 'workflow-bundle.js');
  const tracing = Boolean(process.env['OTEL_EXPORTER_OTLP_ENDPOINT']);
  await writeWorkflowBundle({ workflowsPath: WORKFLOWS_ENTRY, outFile, workflowInterceptorModules: tracing ? [WORKFLOW_TRACING_MODULE] : [] });
  process.stdout.write(`workflow bundle written to ${outFile}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
