import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { CASE_DATA_KEY_SCHEME, ENCRYPTION_KEY_ID_METADATA, ENCRYPTION_SCHEME_METADATA, ENCRYPTION_WORKFLOW_ID_METADATA, EncryptionCodec } from '../encryption.codec';
import type { CodecKeyRing } from '../temporal-config';
import { EnvelopedCaseDataKeys } from './case-data-keys';
import { DataKeyDestroyedError, DataKeyUnavailableError, PayloadDecryptionError } from './data-key-errors';
import type { DataKeyStore } from './data-key-store';
import type { DataKeyLookup, WrappedDataKey } from './data-key-wire';
import { rewrapDataKey, unwrapDataKey } from './data-key-wrapping';

/** The vault's contract in memory: first writer wins, a destroyed key leaves a tombstone. */
class MemoryDataKeyStore implements DataKeyStore {
  readonly keys = new Map<string, WrappedDataKey>();
  readonly destroyed = new Map<string, string>();
  calls = 0;

  async find(workflowId: string): Promise<DataKeyLookup | undefined> {
    this.calls += 1;
    const at = this.destroyed.get(workflowId);
    if (at !== undefined) return { state: 'destroyed', destroyed: { workflowId, destroyedAt: at, reason: 'retention' } };
    const key = this.keys.get(workflowId);
    return key === undefined ? undefined : { state: 'active', key };
  }

  async createIfAbsent(candidate: WrappedDataKey): Promise<DataKeyLookup> {
    if (!this.keys.has(candidate.workflowId) && !this.destroyed.has(candidate.workflowId)) this.keys.set(candidate.workflowId, candidate);
    return (await this.find(candidate.workflowId)) as DataKeyLookup;
  }

  destroy(workflowId: string): void {
    this.keys.delete(workflowId);
    this.destroyed.set(workflowId, '2027-01-01T00:00:00.000Z');
  }
}

const ring = (active: string, ...ids: string[]): CodecKeyRing => ({ activeKeyId: active, keys: new Map(ids.map((id) => [id, keyBytes(id)])) });
const keyMaterial = new Map<string, Buffer>();
function keyBytes(id: string): Buffer {
  if (!keyMaterial.has(id)) keyMaterial.set(id, randomBytes(32));
  return keyMaterial.get(id) as Buffer;
}

const caseA = 'readmission:case_A1';
const caseB = 'readmission:case_B2';
const personal = { name: 'Amina Example', dateOfBirth: '1999-02-03' };
const payload = (): Payload => defaultPayloadConverter.toPayload(personal);
const context = (workflowId: string) => ({ namespace: 'default', workflowId }) as never;
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());

let store: MemoryDataKeyStore;
let keyRing: CodecKeyRing;
const codec = (dataKeys = new EnvelopedCaseDataKeys(store, keyRing, { maxEntries: 100, ttlMs: 0 })) => new EncryptionCodec(keyRing, dataKeys);

beforeEach(() => {
  store = new MemoryDataKeyStore();
  keyRing = ring('k1', 'k1');
});

describe('payloads encrypted with their case\'s own data key', () => {
  it('S4: a case\'s payloads use a data key of its own, stored only wrapped, and round-trip', async () => {
    const [encrypted] = await codec().encode([payload()], context(caseA));
    expect(text(encrypted?.metadata?.[ENCRYPTION_SCHEME_METADATA])).toBe(CASE_DATA_KEY_SCHEME);
    expect(text(encrypted?.metadata?.[ENCRYPTION_WORKFLOW_ID_METADATA])).toBe(caseA);
    expect(encrypted?.metadata?.[ENCRYPTION_KEY_ID_METADATA]).toBeUndefined();
    const stored = store.keys.get(caseA);
    expect(stored?.wrappingKeyId).toBe('k1');
    expect(Buffer.from(stored?.wrappedKey ?? '', 'base64').length).toBe(12 + 32 + 16);
    // A codec in another process, with the same ring and vault, reads it.
    const [decoded] = await codec().decode([encrypted as Payload]);
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(personal);
  });

  it('S4: two cases get different keys, and a payload moved to another case does not decrypt', async () => {
    const [a] = await codec().encode([payload()], context(caseA));
    await codec().encode([payload()], context(caseB));
    expect(unwrapDataKey(keyRing, store.keys.get(caseA) as WrappedDataKey).equals(unwrapDataKey(keyRing, store.keys.get(caseB) as WrappedDataKey))).toBe(false);
    const relabelled = { ...a, metadata: { ...a?.metadata, [ENCRYPTION_WORKFLOW_ID_METADATA]: new TextEncoder().encode(caseB) } };
    await expect(codec().decode([relabelled])).rejects.toThrow(PayloadDecryptionError);
  });

  it('S4: once the case\'s key is destroyed, none of its payloads can be decrypted, with the reason said', async () => {
    const encrypted = await codec().encode([payload(), payload()], context(caseA));
    store.destroy(caseA);
    const error = await codec().decode(encrypted).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataKeyDestroyedError);
    expect((error as Error).message).toMatch(/destroyed at 2027-01-01T00:00:00.000Z \(retention\)/);
    // And nothing more may be written for it: a new key would not bring the history back but would look as if it had.
    await expect(codec().encode([payload()], context(caseA))).rejects.toThrow(DataKeyUnavailableError);
  });

  it('keeps the ring\'s key for workflows that are not cases (the ledger, probes) and when no vault is configured', async () => {
    const [ledger] = await codec().encode([payload()], context('ledger:pilot_1'));
    expect(text(ledger?.metadata?.[ENCRYPTION_KEY_ID_METADATA])).toBe('k1');
    const [noVault] = await new EncryptionCodec(keyRing).encode([payload()], context(caseA));
    expect(text(noVault?.metadata?.[ENCRYPTION_KEY_ID_METADATA])).toBe('k1');
    expect(store.keys.size).toBe(0);
  });

  it('says a vault is needed when a codec without one meets a case-key payload', async () => {
    const [encrypted] = await codec().encode([payload()], context(caseA));
    await expect(new EncryptionCodec(keyRing).decode([encrypted as Payload])).rejects.toThrow(/TEMPORAL_CODEC_VAULT_URL/);
  });

  it('asks the vault once per case however many payloads want its key at once, then serves from the cache', async () => {
    const dataKeys = new EnvelopedCaseDataKeys(store, keyRing, { maxEntries: 100, ttlMs: 60_000 });
    await Promise.all([1, 2, 3, 4].map(() => codec(dataKeys).encode([payload()], context(caseA))));
    const afterFirst = store.calls;
    await codec(dataKeys).decode(await codec(dataKeys).encode([payload()], context(caseA)));
    expect(store.calls).toBe(afterFirst);
    expect(afterFirst).toBeLessThanOrEqual(2);
  });

  it('S4 key rotation: payloads written before a rotation still decode after re-wrapping, and the old key is then not needed', async () => {
    const before = await codec().encode([payload()], context(caseA));
    keyRing = ring('k2', 'k1', 'k2');
    const after = await codec().encode([payload()], context(caseB));
    expect(store.keys.get(caseB)?.wrappingKeyId).toBe('k2');
    expect(store.keys.get(caseA)?.wrappingKeyId).toBe('k1');
    store.keys.set(caseA, rewrapDataKey(keyRing, store.keys.get(caseA) as WrappedDataKey));
    expect(store.keys.get(caseA)?.wrappingKeyId).toBe('k2');
    keyRing = ring('k2', 'k2');
    const decoded = await codec().decode([...before, ...after]);
    expect(decoded.map((one) => defaultPayloadConverter.fromPayload(one))).toEqual([personal, personal]);
  });

  it('names the missing wrapping key rather than failing blindly when a key was removed too early', async () => {
    const encrypted = await codec().encode([payload()], context(caseA));
    keyRing = ring('k2', 'k2');
    await expect(codec().decode(encrypted)).rejects.toThrow(/wrapped by key id "k1", which is not in the key ring/);
  });
});
