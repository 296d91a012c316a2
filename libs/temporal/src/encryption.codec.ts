import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, type SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { type CodecKeyRing, type TemporalConfig } from './temporal-config';

/** Metadata `encoding` of a payload this codec encrypted. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';

/** True when this codec encrypted the payload (its metadata `encoding` says so); anything else passes through decoding as it is. */
export function isEncryptedPayload(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString() === ENCRYPTED_ENCODING;
}

/** Metadata key naming the key a payload was encrypted with, so rotated keys can still decrypt old payloads. */
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

/**
 * Metadata key naming the workflow that owns a payload (its opaque id, e.g. `readmission:case_...`), so a codec
 * server can apply the owning case's access rules. Written only when the SDK passes a serialization context.
 */
export const ENCRYPTION_WORKFLOW_ID_METADATA = 'encryption-workflow-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload could not be decrypted: unknown key id, malformed or tampered data. Never carries key material. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * Encrypts every payload with AES-256-GCM so the Temporal server and its database only ever hold ciphertext
 * (case data is personal data). The whole original Payload proto is encrypted, metadata included, so even the
 * original encoding is hidden. Layout of the data: 12-byte random IV, ciphertext, 16-byte auth tag.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  private readonly keyRing: CodecKeyRing;

  constructor(keyRing: CodecKeyRing) {
    if (!keyRing.keys.has(keyRing.activeKeyId)) {
      throw new Error(`EncryptionCodec: active key id "${keyRing.activeKeyId}" is not in the key ring`);
    }
    // A private copy, so later changes to the caller's map cannot swap keys under a running worker.
    this.keyRing = { activeKeyId: keyRing.activeKeyId, keys: new Map(keyRing.keys) };
  }

  /** Builds the codec from the parsed `TEMPORAL_CODEC_*` configuration. */
  static fromConfig(config: Pick<TemporalConfig, 'codec'>): EncryptionCodec {
    return new EncryptionCodec(config.codec);
  }

  /**
   * Encrypts each payload with the active key. With a serialization context (the SDK passes one for payloads
   * owned by a workflow or an activity) the owning workflow id is recorded in the metadata and bound as
   * authenticated data, so a payload cannot be relabelled as another case's to pass that case's access check.
   */
  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const keyId = this.keyRing.activeKeyId;
    const key = this.keyRing.keys.get(keyId) as Buffer;
    const workflowId = context?.workflowId || undefined;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      // The key id (and the owner) are authenticated data: relabelling a payload makes decryption fail.
      cipher.setAAD(this.associatedData(keyId, workflowId));
      const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: this.encoder.encode(ENCRYPTED_ENCODING),
          [ENCRYPTION_KEY_ID_METADATA]: this.encoder.encode(keyId),
          ...(workflowId ? { [ENCRYPTION_WORKFLOW_ID_METADATA]: this.encoder.encode(workflowId) } : {}),
        },
        data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
      };
    });
  }

  /** The owning workflow id recorded in an encrypted payload's metadata, if any (it is authenticated on decode). */
  static workflowIdOf(payload: Payload): string | undefined {
    const bytes = payload.metadata?.[ENCRYPTION_WORKFLOW_ID_METADATA];
    return bytes === undefined || bytes === null ? undefined : new TextDecoder().decode(bytes);
  }

  /**
   * The authenticated data: the key id alone for payloads without an owner (as every payload written before owners
   * were recorded, so recorded histories still decrypt), or a versioned label, the key id and the owner.
   */
  private associatedData(keyId: string, workflowId: string | undefined): Uint8Array {
    return this.encoder.encode(workflowId === undefined ? keyId : `oioo-codec-v2\n${keyId}\n${workflowId}`);
  }

  /** Decrypts payloads encrypted with any key of the ring; payloads that are not encrypted pass through. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  private decodeOne(payload: Payload): Payload {
    if (!isEncryptedPayload(payload)) return payload;
    const keyIdBytes = payload.metadata?.[ENCRYPTION_KEY_ID_METADATA];
    if (keyIdBytes === undefined || keyIdBytes === null) {
      throw new PayloadDecryptionError(`encrypted payload has no ${ENCRYPTION_KEY_ID_METADATA} metadata`);
    }
    const keyId = this.decoder.decode(keyIdBytes);
    const key = this.keyRing.keys.get(keyId);
    if (key === undefined) {
      throw new PayloadDecryptionError(
        `payload was encrypted with key id "${keyId}", which is not in the key ring (${[...this.keyRing.keys.keys()].join(', ')}); add it to TEMPORAL_CODEC_KEYS`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`encrypted payload (key id "${keyId}") is too short to hold an IV and auth tag`);
    }
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
    decipher.setAAD(this.associatedData(keyId, EncryptionCodec.workflowIdOf(payload)));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`encrypted payload (key id "${keyId}") failed authentication: it was altered or the key is wrong`);
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
  }
}

/** Creates the encrypting payload codec from the parsed configuration. */
export function createEncryptionCodec(config: Pick<TemporalConfig, 'codec'>): EncryptionCodec {
  return EncryptionCodec.fromConfig(config);
}
