import { type OpsInvocation } from '../ops-arguments';
import { auditedAction, auditedRead } from '../audited-action';
import { KeyRingClient, type KeyRingView } from '../key-ring-client';
import { type KeyUsageScan, scanKeyUsage } from '../key-usage-scan';
import { type VerbContext } from '../run-ops';

/** One key's verdict line. */
interface KeyVerdict {
  keyId: string;
  active: boolean;
  wrapsDataKeys: number;
  payloads: number;
  workflows: number;
  verdict: 'active' | 'needed' | 'may be retired' | 'not proven';
}

/** Whether each key is needed: by the vault's wrapping, by kept payloads, or not at all. */
function verdictsOf(ring: KeyRingView, scan: KeyUsageScan): KeyVerdict[] {
  const ids = [...new Set([...ring.keys.map((key) => key.keyId), ...scan.direct.keys()])];
  return ids.map((keyId) => {
    const wrapsDataKeys = ring.keys.find((key) => key.keyId === keyId)?.wrapsDataKeys ?? 0;
    const direct = scan.direct.get(keyId) ?? { payloads: 0, workflows: 0 };
    const active = keyId === ring.activeKeyId;
    const verdict = active ? 'active' : wrapsDataKeys > 0 || direct.payloads > 0 ? 'needed' : scan.truncated ? 'not proven' : 'may be retired';
    return { keyId, active, wrapsDataKeys, payloads: direct.payloads, workflows: direct.workflows, verdict };
  });
}

/** `keys status`: which keys of the ring are still needed (S4 key rotation). Read-only. */
export async function runKeysStatus(invocation: Extract<OpsInvocation, { verb: 'keys.status' }>, context: VerbContext, keyRing: KeyRingClient): Promise<number> {
  const verdicts = await auditedRead(context.log, { verb: 'keys.status', arguments: { query: invocation.query, limit: invocation.limit } }, async () => {
    const ring = await keyRing.view();
    const scan = await scanKeyUsage(await context.temporal(), invocation, context.output);
    const found = verdictsOf(ring, scan);
    context.output.line(`active key: ${ring.activeKeyId}; ${scan.workflowsScanned} histories read${scan.truncated ? ` (stopped at --limit ${invocation.limit})` : ''}`);
    return { value: found, targets: [], detail: found.map((entry) => `${entry.keyId}: ${entry.verdict}`).join(', ') };
  });
  context.output.line('KEY               WRAPS DATA KEYS   DIRECT PAYLOADS (WORKFLOWS)   VERDICT');
  for (const entry of verdicts) {
    context.output.line(`${entry.keyId.padEnd(18)}${String(entry.wrapsDataKeys).padEnd(18)}${`${entry.payloads} (${entry.workflows})`.padEnd(30)}${entry.verdict}`);
  }
  if (verdicts.some((entry) => !entry.active && entry.wrapsDataKeys > 0)) context.output.line('Data keys are still wrapped by an older key: run keys rewrap.');
  return 0;
}

/** `keys rewrap`: re-wraps every case data key with the active key. */
export async function runKeysRewrap(invocation: Extract<OpsInvocation, { verb: 'keys.rewrap' }>, context: VerbContext, keyRing: KeyRingClient): Promise<number> {
  const outcome = await auditedAction(context.log, { verb: 'keys.rewrap', arguments: {}, reason: invocation.reason }, async () => {
    const result = await keyRing.rewrap();
    return { targets: [], detail: `${result.rewrapped} data keys re-wrapped with ${result.activeKeyId}, ${result.skipped} changed meanwhile and left` };
  });
  context.output.line(outcome.detail);
  return 0;
}

export { KeyRingClient };
