import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Client } from '@temporalio/client';
import { encodeToPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { type OpsOutput } from './ops-output';

/** The batch operations `bulk` starts. */
export type BulkKind = 'signal' | 'cancel' | 'terminate';

/** The workflows a visibility query selects now (up to `limit`), for a dry run and the log. */
export async function selectWorkflows(client: Client, query: string, limit = 10_000): Promise<{ workflowId: string; type: string; status: string }[]> {
  const selected: { workflowId: string; type: string; status: string }[] = [];
  for await (const info of client.workflow.list({ query })) {
    selected.push({ workflowId: info.workflowId, type: info.type, status: info.status.name });
    if (selected.length >= limit) break;
  }
  return selected;
}

/** What a finished batch job did. */
export interface BatchResult {
  jobId: string;
  state: string;
  total: number;
  completed: number;
  failed: number;
}

/**
 * Starts one Temporal batch operation over the query's workflows (the server selects them itself, so a
 * workflow started after the dry run is included if it matches: the query is the contract) and waits for it,
 * printing its progress.
 */
export async function runBatch(
  client: Client,
  request: { kind: BulkKind; query: string; reason: string; identity: string; signal?: { name: string; input?: unknown } },
  output: OpsOutput,
  timeoutMs = 10 * 60_000,
): Promise<BatchResult> {
  const jobId = `ops-bulk-${request.kind}-${randomUUID()}`;
  const namespace = client.options.namespace;
  const operation =
    request.kind === 'terminate'
      ? { terminationOperation: { identity: request.identity } }
      : request.kind === 'cancel'
        ? { cancellationOperation: { identity: request.identity } }
        : {
            signalOperation: {
              identity: request.identity,
              signal: request.signal?.name ?? '',
              // Through the client's data converter, codec included, so the input is encrypted like any other payload.
              ...(request.signal?.input !== undefined ? { input: { payloads: (await encodeToPayloads(client.options.loadedDataConverter, request.signal.input)) ?? [] } } : {}),
            },
          };
  await client.workflowService.startBatchOperation({ namespace, jobId, reason: request.reason, visibilityQuery: request.query, ...operation });
  output.progress(`bulk: batch job ${jobId} started`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await client.workflowService.describeBatchOperation({ namespace, jobId });
    const state = temporal.api.enums.v1.BatchOperationState[job.state ?? 0] ?? 'UNKNOWN';
    const result = { jobId, state: state.replace('BATCH_OPERATION_STATE_', '').toLowerCase(), total: Number(job.totalOperationCount ?? 0), completed: Number(job.completeOperationCount ?? 0), failed: Number(job.failureOperationCount ?? 0) };
    if (job.state !== temporal.api.enums.v1.BatchOperationState.BATCH_OPERATION_STATE_RUNNING) return result;
    output.progress(`bulk: ${result.completed + result.failed} of ${result.total || '?'} done ...`);
    if (Date.now() > deadline) return result;
    await sleep(1000);
  }
}
