import { type OpsInvocation } from '../ops-arguments';
import { auditedRead } from '../audited-action';
import { AuditChainClient } from '../audit-chain-client';
import { verifyStream } from '../audit-verification';
import { type VerbContext } from '../run-ops';

/** `audit verify`: re-computes each audit stream's hash chain; prints OK with counts or the first broken link. Exit 1 when any is broken. */
export async function runAuditVerify(invocation: Extract<OpsInvocation, { verb: 'audit.verify' }>, context: VerbContext, client: AuditChainClient): Promise<number> {
  const verdicts = await auditedRead(context.log, { verb: 'audit.verify', arguments: { stream: invocation.streams.join(',') } }, async () => {
    const found = [];
    for (const stream of invocation.streams) found.push(await verifyStream(client, stream));
    const broken = found.filter((verdict) => !verdict.ok);
    return { value: found, targets: [], detail: broken.length === 0 ? `${found.length} stream(s) verified` : `broken: ${broken.map((verdict) => (verdict.ok ? '' : `${verdict.stream} at seq ${verdict.broken.seq} (${verdict.broken.reason})`)).join(', ')}` };
  });
  for (const verdict of verdicts) {
    if (verdict.ok) context.output.line(`OK      ${verdict.stream}: ${verdict.count} entries, head seq ${verdict.head.seq} ${verdict.head.hash.slice(0, 16)}…`);
    else context.output.line(`BROKEN  ${verdict.stream}: first broken link at seq ${verdict.broken.seq}: ${verdict.broken.reason} (${verdict.broken.detail}); ${verdict.count} entries before it hold`);
  }
  return verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

export { AuditChainClient };
