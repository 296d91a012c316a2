import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CODEC_KEY_BYTES, type CodecKeyRing } from '../temporal-config';
import { PayloadDecryptionError } from './data-key-errors';
import type { WrappedDataKey } from './data-key-wire';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A fresh random 32-byte data key for one case. */
export function newDataKey(): Buffer {
  return randomBytes(CODEC_KEY_BYTES);
}

/** The authenticated data of a wrapped key: a wrapped key moved to another workflow fails to unwrap. */
function wrappingAad(wrappingKeyId: string, workflowId: string): Buffer {
  return Buffer.from(`oioo-data-key-v1\n${wrappingKeyId}\n${workflowId}`);
}

/** Wraps (encrypts) a case's data key with the key ring's active key (envelope encryption). */
export function wrapDataKey(keyRing: CodecKeyRing, workflowId: string, dataKey: Buffer): WrappedDataKey {
  const wrappingKeyId = keyRing.activeKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyRing.keys.get(wrappingKeyId) as Buffer, iv);
  cipher.setAAD(wrappingAad(wrappingKeyId, workflowId));
  const wrapped = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { workflowId, wrappingKeyId, wrappedKey: wrapped.toString('base64') };
}

/** Unwraps a case's data key with whichever key of the ring wrapped it; throws when that key is not in the ring. */
export function unwrapDataKey(keyRing: CodecKeyRing, wrapped: WrappedDataKey): Buffer {
  const wrappingKey = keyRing.keys.get(wrapped.wrappingKeyId);
  if (wrappingKey === undefined) {
    throw new PayloadDecryptionError(
      `the data key of workflow ${wrapped.workflowId} is wrapped by key id "${wrapped.wrappingKeyId}", which is not in the key ring; add it to TEMPORAL_CODEC_KEYS or re-wrap the data keys (npm run ops -- keys rewrap)`,
    );
  }
  const data = Buffer.from(wrapped.wrappedKey, 'base64');
  const decipher = createDecipheriv(ALGORITHM, wrappingKey, data.subarray(0, IV_BYTES));
  decipher.setAAD(wrappingAad(wrapped.wrappingKeyId, wrapped.workflowId));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    const key = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    if (key.length !== CODEC_KEY_BYTES) throw new Error('wrong length');
    return key;
  } catch {
    throw new PayloadDecryptionError(`the data key of workflow ${wrapped.workflowId} failed to unwrap with key id "${wrapped.wrappingKeyId}": altered, or wrapped for another workflow`);
  }
}

/** Re-wraps a data key with the ring's active key (key rotation): the data key itself, and so every payload, is unchanged. */
export function rewrapDataKey(keyRing: CodecKeyRing, wrapped: WrappedDataKey): WrappedDataKey {
  return wrapDataKey(keyRing, wrapped.workflowId, unwrapDataKey(keyRing, wrapped));
}
