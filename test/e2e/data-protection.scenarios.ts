import { type Payload } from '@temporalio/common';
import { RETENTION_SWEEP_SCHEDULE_ID, TaskQueues, ledgerWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import { DataKeyDestroyedError, EncryptionCodec, isEncryptedPayload, payloadsOfHistory } from '@oioo/temporal';
import { balanceQuery } from '@oioo/workflows-equivalence-ledger';
import { retentionSweepWorkflow } from '@oioo/workflows-platform';
import { Sessions } from '../support/people-tokens';
import { asWorker } from '../support/service-tokens';
import { uniqueOpaqueId } from '../support/stack';
import { stackCodecOf } from '../support/stack-codec';
import { CLOSED_CASE_RETENTION_SECONDS, type E2eContext } from './e2e-context';
import { ReadmissionSteps } from './readmission-steps';

const sessions = new Sessions();

/** The codec server's answer to an SRE (who reads redacted payloads) for these payloads, as the Web UI asks. */
async function codecServerDecode(caseworkUrl: string, payloads: Payload[]): Promise<Array<{ metadata: Record<string, string> }>> {
  const wire = payloads.map((payload) => ({
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value as Uint8Array).toString('base64')])),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  }));
  const response = await fetch(`${caseworkUrl}/codec/decode`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await sessions.tokenOf('sam')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ payloads: wire }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { payloads: Array<{ metadata: Record<string, string> }> }).payloads;
}

/** S4 end to end: what retention's crypto-shredding does to a closed case, and what it leaves. */
export function describeDataProtectionScenarios(context: E2eContext): void {
  const steps = new ReadmissionSteps(context);

  describe('crypto-shredding of a closed case (S4)', () => {
    it('S4 a readmitted case\'s history decodes until retention\'s sweep destroys its data key; then no copy can be read, while the ledger still counts it', async () => {
      const { client, urls, pilotId } = context.platform;
      const ledger = client.workflow.getHandle(ledgerWorkflowId(pilotId));
      const data = await steps.readmit();
      const counted = (await ledger.query(balanceQuery)).readmissions;
      expect(counted).toBeGreaterThan(0);

      // A copy of the whole history, downloaded as an SRE or an archive would keep it.
      const workflowId = readmissionWorkflowId(data.caseId);
      const payloads = payloadsOfHistory(await client.workflow.getHandle(workflowId).fetchHistory());
      // Search attributes are payloads too, kept in clear for visibility: they hold no personal data (S3).
      const inClear = payloads.filter((payload) => !isEncryptedPayload(payload));
      expect(inClear.some((payload) => Buffer.from(payload.data ?? new Uint8Array()).includes(data.personId))).toBe(false);
      const encrypted = payloads.filter(isEncryptedPayload);
      expect(encrypted.length).toBeGreaterThan(10);
      expect(encrypted.filter((payload) => !EncryptionCodec.usesCaseDataKey(payload)).map((payload) => EncryptionCodec.workflowIdOf(payload) ?? '(no owner)')).toEqual([]);
      const readable = await stackCodecOf(urls.casework).decode(encrypted);
      expect(readable.map((payload) => Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')).join('\n')).toContain(data.personId);
      expect((await codecServerDecode(urls.casework, encrypted)).every((payload) => payload.metadata['encoding'] !== Buffer.from('binary/encrypted').toString('base64'))).toBe(true);

      // Retention's period passes (compressed to seconds), then the sweep runs as its Schedule would start it.
      await new Promise((resolve) => setTimeout(resolve, (CLOSED_CASE_RETENTION_SECONDS + 1) * 1000));
      const sweep = await client.workflow.execute(retentionSweepWorkflow, { taskQueue: TaskQueues.platform, workflowId: `${RETENTION_SWEEP_SCHEDULE_ID}-${uniqueOpaqueId('e2e')}`, args: [{}] });
      expect(sweep.failures).toEqual([]);
      expect(sweep.closedCaseHistories?.destroyed).toBeGreaterThanOrEqual(1);
      await expect(fetch(`${urls.casework}/internal/v1/data-keys/${encodeURIComponent(workflowId)}`, { headers: await asWorker() }).then((response) => response.json())).resolves.toMatchObject({
        state: 'destroyed',
        destroyed: { workflowId, reason: 'retention' },
      });

      // The downloaded copy, and the server's, can no longer be read by any process with the key ring...
      await expect(stackCodecOf(urls.casework).decode(encrypted)).rejects.toThrow(DataKeyDestroyedError);
      const serverCopy = payloadsOfHistory(await client.workflow.getHandle(workflowId).fetchHistory()).filter(isEncryptedPayload);
      await expect(stackCodecOf(urls.casework).decode(serverCopy)).rejects.toThrow(/destroyed at .* \(retention\)/);
      // ...nor through the Web UI's codec server, which hands the payloads back still encrypted.
      const throughUi = await codecServerDecode(urls.casework, encrypted.slice(0, 3));
      expect(throughUi.every((payload) => payload.metadata['encoding'] === Buffer.from('binary/encrypted').toString('base64'))).toBe(true);
      // What must outlive the case does: the ledger's count of readmissions (Q1) is unchanged.
      expect((await ledger.query(balanceQuery)).readmissions).toBe(counted);
    });
  });
}
