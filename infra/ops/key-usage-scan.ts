import { type Client } from '@temporalio/client';
import { EncryptionCodec, isEncryptedPayload, payloadsOfHistory } from '@oioo/temporal';
import { type OpsOutput } from './ops-output';

/** Payloads encrypted directly with each key of the ring, found in the histories the server keeps. */
export interface KeyUsageScan {
  /** Per key id: payloads encrypted with it directly, and in how many workflows. */
  direct: Map<string, { payloads: number; workflows: number }>;
  workflowsScanned: number;
  /** True when --limit stopped the scan before every selected workflow was read. */
  truncated: boolean;
}

/**
 * Reads the selected histories' payload metadata (never decrypting) and counts the payloads that name a ring
 * key directly; payloads under a case's own data key depend on the vault's wrapping instead.
 */
export async function scanKeyUsage(client: Client, request: { query: string; limit: number }, output: OpsOutput): Promise<KeyUsageScan> {
  const direct = new Map<string, { payloads: number; workflows: number }>();
  let workflowsScanned = 0;
  let truncated = false;
  for await (const execution of client.workflow.list(request.query ? { query: request.query } : {})) {
    if (workflowsScanned >= request.limit) {
      truncated = true;
      break;
    }
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const seen = new Set<string>();
    for (const payload of payloadsOfHistory(history)) {
      if (!isEncryptedPayload(payload)) continue;
      const keyId = EncryptionCodec.keyIdOf(payload);
      if (keyId === undefined) continue;
      const entry = direct.get(keyId) ?? { payloads: 0, workflows: 0 };
      entry.payloads += 1;
      if (!seen.has(keyId)) entry.workflows += 1;
      seen.add(keyId);
      direct.set(keyId, entry);
    }
    workflowsScanned += 1;
    if (workflowsScanned % 100 === 0) output.progress(`keys status: ${workflowsScanned} histories read`);
  }
  return { direct, workflowsScanned, truncated };
}
