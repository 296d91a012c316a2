import { TaskQueues, probeWorkflowId } from '@oioo/contracts';
import { ENCRYPTED_ENCODING, EncryptionCodec, createEncryptionCodec, payloadsOfHistory } from '@oioo/temporal';
import { probeReplySignal, probeWorkflow } from '@oioo/workflows-platform';
import { useStackTemporal } from '../support/temporal-fixture';
import { stackTemporalConfig, uniqueOpaqueId } from '../support/stack';

const stack = useStackTemporal();

describe('payload encryption on the real server', () => {
  it('S3 a personal name in workflow input and signals is stored only as ciphertext in the server history', async () => {
    const name = 'Amira Haddad-Okonkwo';
    const workflowId = probeWorkflowId(uniqueOpaqueId('probe'));
    const handle = await stack.client.workflow.start(probeWorkflow, {
      taskQueue: TaskQueues.platform,
      workflowId,
      args: [{ probeId: `applicant ${name}`, replyTimeoutMs: 60_000 }],
    });
    await handle.signal(probeReplySignal, { nonce: name });
    await expect(handle.result()).resolves.toEqual({ nonce: name });

    // Read the history straight from the frontend, bypassing the client's codec, as an operator with DB access would.
    const raw = await stack.client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
    const payloads = payloadsOfHistory(raw.history ?? {});
    expect(payloads.length).toBeGreaterThanOrEqual(3);
    const stored = Buffer.concat(payloads.map((payload) => Buffer.from(payload.data ?? new Uint8Array())));
    expect(stored.includes(Buffer.from(name))).toBe(false);
    expect(stored.includes(Buffer.from('Haddad'))).toBe(false);
    for (const payload of payloads) {
      expect(Buffer.from(payload.metadata?.['encoding'] ?? new Uint8Array()).toString()).toBe(ENCRYPTED_ENCODING);
      // Client (input, signal) and worker (result) both pass the SDK's serialization context: each payload names its workflow, for the codec server.
      expect(EncryptionCodec.workflowIdOf({ metadata: payload.metadata ?? {} })).toBe(workflowId);
    }

    // The same bytes decode to the name with the platform's key: the test looked at the right payloads.
    const decoded = await createEncryptionCodec(stackTemporalConfig()).decode(payloads);
    const plain = Buffer.concat(decoded.map((payload) => Buffer.from(payload.data ?? new Uint8Array())));
    expect(plain.includes(Buffer.from(name))).toBe(true);
  });
});
