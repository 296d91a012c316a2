import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID_METADATA, ENCRYPTION_WORKFLOW_ID_METADATA, EncryptionCodec, PayloadDecryptionError } from './encryption.codec';
import { loadTemporalConfig } from './temporal-config';

const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());
const codecWith = (keys: Record<string, Buffer>, activeKeyId: string) => new EncryptionCodec({ keys: new Map(Object.entries(keys)), activeKeyId });

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const marker = 'GB-CASE-4711-NOT-FOR-THE-SERVER';
const payload = defaultPayloadConverter.toPayload({ caseId: marker, note: 'détenu à Calais' });

describe('EncryptionCodec', () => {
  it('round-trips payloads back to the original proto, metadata included', async () => {
    const codec = codecWith({ k1: oldKey }, 'k1');
    const originals: Payload[] = [payload, defaultPayloadConverter.toPayload(undefined), defaultPayloadConverter.toPayload(new Uint8Array([1, 2, 3]))];
    const decoded = await codec.decode(await codec.encode(originals));
    expect(decoded.map((p) => temporal.api.common.v1.Payload.encode(p).finish())).toEqual(
      originals.map((p) => temporal.api.common.v1.Payload.encode(p).finish()),
    );
    expect(defaultPayloadConverter.fromPayload(decoded[0] as Payload)).toEqual({ caseId: marker, note: 'détenu à Calais' });
  });

  it('leaves no plaintext in the encrypted payload and labels it with the encoding and key id', async () => {
    const [encrypted] = await codecWith({ k1: oldKey }, 'k1').encode([payload]);
    expect(Buffer.from(encrypted?.data ?? []).toString('latin1')).not.toContain(marker);
    expect(Buffer.from(encrypted?.data ?? []).toString('latin1')).not.toContain('json/plain');
    expect(Object.keys(encrypted?.metadata ?? {}).sort()).toEqual([ENCRYPTION_KEY_ID_METADATA, METADATA_ENCODING_KEY].sort());
    expect(text(encrypted?.metadata?.[METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted?.metadata?.[ENCRYPTION_KEY_ID_METADATA])).toBe('k1');
  });

  it('uses a fresh IV per payload, so equal inputs give different ciphertexts', async () => {
    const [a, b] = await codecWith({ k1: oldKey }, 'k1').encode([payload, payload]);
    expect(Buffer.from(a?.data ?? []).equals(Buffer.from(b?.data ?? []))).toBe(false);
  });

  it('encodes with the newest key and still decodes payloads written with an older one', async () => {
    const before = codecWith({ k1: oldKey }, 'k1');
    const after = codecWith({ k1: oldKey, k2: newKey }, 'k2');
    const [fromBefore] = await before.encode([payload]);
    const [fromAfter] = await after.encode([payload]);
    expect(text(fromAfter?.metadata?.[ENCRYPTION_KEY_ID_METADATA])).toBe('k2');
    const decoded = await after.decode([fromBefore as Payload, fromAfter as Payload]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { caseId: marker, note: 'détenu à Calais' },
      { caseId: marker, note: 'détenu à Calais' },
    ]);
  });

  it('fails on an unknown key id with an error naming the id and not the key', async () => {
    const [fromNew] = await codecWith({ k2: newKey }, 'k2').encode([payload]);
    const decoding = codecWith({ k1: oldKey }, 'k1').decode([fromNew as Payload]);
    await expect(decoding).rejects.toThrow(PayloadDecryptionError);
    await expect(decoding).rejects.toThrow(/key id "k2".*not in the key ring/);
    await decoding.catch((error: Error) => {
      expect(error.message).not.toContain(newKey.toString('base64'));
      expect(error.message).not.toContain(oldKey.toString('base64'));
    });
  });

  it('rejects tampered ciphertext, a swapped auth tag and a relabelled key id', async () => {
    const codec = codecWith({ k1: oldKey, k2: newKey }, 'k1');
    const [encrypted] = await codec.encode([payload]);
    const data = Buffer.from(encrypted?.data ?? []);
    const flipped = Buffer.from(data);
    flipped[20] = (flipped[20] ?? 0) ^ 0x01;
    await expect(codec.decode([{ ...encrypted, data: flipped }])).rejects.toThrow(/key id "k1".*failed authentication/);
    const tagless = Buffer.concat([data.subarray(0, data.length - 16), Buffer.alloc(16)]);
    await expect(codec.decode([{ ...encrypted, data: tagless }])).rejects.toThrow(/failed authentication/);
    const relabelled = { ...encrypted, metadata: { ...encrypted?.metadata, [ENCRYPTION_KEY_ID_METADATA]: new TextEncoder().encode('k2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication/);
    await expect(codec.decode([{ ...encrypted, data: data.subarray(0, 10) }])).rejects.toThrow(/too short/);
  });

  it('passes payloads that are not encrypted through decode untouched', async () => {
    const codec = codecWith({ k1: oldKey }, 'k1');
    const bare: Payload = { data: new Uint8Array([7]) };
    const [decodedPlain, decodedBare] = await codec.decode([payload, bare]);
    expect(decodedPlain).toBe(payload);
    expect(decodedBare).toBe(bare);
  });

  it('records the owning workflow id from the serialization context and binds it, so relabelling or stripping it fails', async () => {
    const codec = codecWith({ k1: oldKey }, 'k1');
    const [owned] = await codec.encode([payload], { type: 'workflow', namespace: 'default', workflowId: 'readmission:case_01J9ZQ4X7K3M2N8P6R5T' });
    const [byActivity] = await codec.encode([payload], { type: 'activity', namespace: 'default', workflowId: 'eoi:eoi_01J9ZQ4X7K3M2N8P', isLocal: false });
    expect(EncryptionCodec.workflowIdOf(owned as Payload)).toBe('readmission:case_01J9ZQ4X7K3M2N8P6R5T');
    expect(text(byActivity?.metadata?.[ENCRYPTION_WORKFLOW_ID_METADATA])).toBe('eoi:eoi_01J9ZQ4X7K3M2N8P');
    const decoded = await codec.decode([owned as Payload, byActivity as Payload]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { caseId: marker, note: 'détenu à Calais' },
      { caseId: marker, note: 'détenu à Calais' },
    ]);
    const relabelled = { ...owned, metadata: { ...owned?.metadata, [ENCRYPTION_WORKFLOW_ID_METADATA]: new TextEncoder().encode('readmission:case_OTHER0000000000000') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication/);
    const stripped = { ...owned, metadata: { ...owned?.metadata } };
    delete stripped.metadata[ENCRYPTION_WORKFLOW_ID_METADATA];
    await expect(codec.decode([stripped])).rejects.toThrow(/failed authentication/);
  });

  it('still decrypts a payload written before owners were recorded, and gives it no owner', async () => {
    const codec = codecWith({ k1: oldKey }, 'k1');
    const [legacy] = await codec.encode([payload]);
    expect(EncryptionCodec.workflowIdOf(legacy as Payload)).toBeUndefined();
    // The worker passes its context on decode too; the owner comes from the payload, so a legacy one still decodes.
    const [decoded] = await (codec as PayloadCodec).decode([legacy as Payload], { type: 'workflow', namespace: 'default', workflowId: 'readmission:case_01J9ZQ4X7K3M2N8P6R5T' });
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual({ caseId: marker, note: 'détenu à Calais' });
  });

  it('is built from the parsed configuration and refuses an active key outside the ring', async () => {
    const config = loadTemporalConfig({ TEMPORAL_CODEC_KEYS: `a:${oldKey.toString('base64')},b:${newKey.toString('base64')}`, TEMPORAL_CODEC_ACTIVE_KEY: 'b' });
    const [encrypted] = await EncryptionCodec.fromConfig(config).encode([payload]);
    expect(text(encrypted?.metadata?.[ENCRYPTION_KEY_ID_METADATA])).toBe('b');
    expect(() => codecWith({ k1: oldKey }, 'k9')).toThrow(/"k9"/);
  });
});
