import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, type SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { isCaseWorkflowId } from '@oioo/contracts';
import { type CaseDataKeys } from './data-keys/case-data-keys';
import { PayloadDecryptionError } from './data-keys/data-key-errors';
import { type CodecKeyRing, type TemporalConfig } from './temporal-config';

export { PayloadDecryptionError } from './data-keys/data-key-errors';

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

/**
 * Metadata key naming how a payload was encrypted when not directly with a key of the ring: `case-data-key-v1`
 * means with its workflow's own data key (S4 crypto-shredding), found through `encryption-workflow-id`.
 */
export const ENCRYPTION_SCHEME_METADATA = 'encryption-scheme';

/** The scheme of payloads encrypted with their workflow's own data key. */
export const CASE_DATA_KEY_SCHEME = 'case-data-key-v1';

/**
 * Encrypts every payload with AES-256-GCM so the Temporal server and its database only ever hold ciphertext
 * (case data is personal data). The whole original Payload proto is encrypted, metadata included, so even the
 * original encoding is hidden. Layout of the data: 12-byte random IV, ciphertext, 16-byte auth tag.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  private readonly keyRing: CodecKeyRing;

  /**
   * With `dataKeys`, every payload owned by a case's workflow is encrypted with that workflow's own data key,
   * so destroying the key shreds the history (S4); other payloads, and every payload when no vault is
   * configured, are encrypted with the ring's active key.
   */
  constructor(
    keyRing: CodecKeyRing,
    private readonly dataKeys?: CaseDataKeys,
  ) {
    if (!keyRing.keys.has(keyRing.activeKeyId)) {
      throw new Error(`EncryptionCodec: active key id "${keyRing.activeKeyId}" is not in the key ring`);
    }
    // A private copy, so later changes to the caller's map cannot swap keys under a running worker.
    this.keyRing = { activeKeyId: keyRing.activeKeyId, keys: new Map(keyRing.keys) };
  }

  /** Builds the codec from the parsed `TEMPORAL_CODEC_*` configuration, with the case data keys when given. */
  static fromConfig(config: Pick<TemporalConfig, 'codec'>, dataKeys?: CaseDataKeys): EncryptionCodec {
    return new EncryptionCodec(config.codec, dataKeys);
  }

  /**
   * Encrypts each payload with the active key. With a serialization context (the SDK passes one for payloads
   * owned by a workflow or an activity) the owning workflow id is recorded in the metadata and bound as
   * authenticated data, so a payload cannot be relabelled as another case's to pass that case's access check.
   */
  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const workflowId = context?.workflowId || undefined;
    // S4: only cases hold personal data; the ledger and probes keep the ring's key and never need a data key.
    if (workflowId !== undefined && isCaseWorkflowId(workflowId) && this.dataKeys !== undefined && payloads.length > 0) {
      const key = await this.dataKeys.forEncoding(workflowId);
      return payloads.map((payload) =>
        this.seal(payload, key, this.caseAssociatedData(workflowId), {
          [ENCRYPTION_SCHEME_METADATA]: this.encoder.encode(CASE_DATA_KEY_SCHEME),
          [ENCRYPTION_WORKFLOW_ID_METADATA]: this.encoder.encode(workflowId),
        }),
      );
    }
    const keyId = this.keyRing.activeKeyId;
    const key = this.keyRing.keys.get(keyId) as Buffer;
    return payloads.map((payload) =>
      // The key id (and the owner) are authenticated data: relabelling a payload makes decryption fail.
      this.seal(payload, key, this.associatedData(keyId, workflowId), {
        [ENCRYPTION_KEY_ID_METADATA]: this.encoder.encode(keyId),
        ...(workflowId ? { [ENCRYPTION_WORKFLOW_ID_METADATA]: this.encoder.encode(workflowId) } : {}),
      }),
    );
  }

  /** Encrypts the whole payload proto under `key`, bound to `aad`, with the given metadata beside the encoding. */
  private seal(payload: Payload, key: Buffer, aad: Uint8Array, metadata: Record<string, Uint8Array>): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(aad);
    const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: this.encoder.encode(ENCRYPTED_ENCODING), ...metadata },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  /** The key-ring key id a payload names, or `undefined` for one encrypted with its case's data key. */
  static keyIdOf(payload: Payload): string | undefined {
    const bytes = payload.metadata?.[ENCRYPTION_KEY_ID_METADATA];
    return bytes === undefined || bytes === null ? undefined : new TextDecoder().decode(bytes);
  }

  /** True when the payload was encrypted with its workflow's own data key. */
  static usesCaseDataKey(payload: Payload): boolean {
    const bytes = payload.metadata?.[ENCRYPTION_SCHEME_METADATA];
    return bytes !== undefined && bytes !== null && new TextDecoder().decode(bytes) === CASE_DATA_KEY_SCHEME;
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

  /** The authenticated data of a payload under its case's data key: the scheme and the owner. */
  private caseAssociatedData(workflowId: string): Uint8Array {
    return this.encoder.encode(`oioo-codec-v3\n${CASE_DATA_KEY_SCHEME}\n${workflowId}`);
  }

  /**
   * Decrypts payloads encrypted with any key of the ring, or with their case's data key; payloads that are not
   * encrypted pass through. A case whose key was destroyed throws {@link DataKeyDestroyedError}.
   */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    const decoded: Payload[] = [];
    for (const payload of payloads) {
      decoded.push(EncryptionCodec.usesCaseDataKey(payload) ? await this.decodeWithCaseKey(payload) : this.decodeOne(payload));
    }
    return decoded;
  }

  private async decodeWithCaseKey(payload: Payload): Promise<Payload> {
    const workflowId = EncryptionCodec.workflowIdOf(payload);
    if (workflowId === undefined) throw new PayloadDecryptionError(`a payload of scheme ${CASE_DATA_KEY_SCHEME} has no ${ENCRYPTION_WORKFLOW_ID_METADATA} metadata`);
    if (this.dataKeys === undefined) {
      throw new PayloadDecryptionError(`the payload of workflow ${workflowId} is encrypted with its case's data key, and this process has no data-key vault (set TEMPORAL_CODEC_VAULT_URL)`);
    }
    const key = await this.dataKeys.forDecoding(workflowId);
    return this.open(payload, key, this.caseAssociatedData(workflowId), `workflow ${workflowId}'s data key`);
  }

  /** Decrypts and authenticates one sealed payload; `label` names the key in errors, never its bytes. */
  private open(payload: Payload, key: Buffer, aad: Uint8Array, label: string): Payload {
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`encrypted payload (${label}) is too short to hold an IV and auth tag`);
    }
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`encrypted payload (${label}) failed authentication: it was altered or the key is wrong`);
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
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
    return this.open(payload, key, this.associatedData(keyId, EncryptionCodec.workflowIdOf(payload)), `key id "${keyId}"`);
  }
}

/** Creates the encrypting payload codec from the parsed configuration, with the case data keys when given. */
export function createEncryptionCodec(config: Pick<TemporalConfig, 'codec'>, dataKeys?: CaseDataKeys): EncryptionCodec {
  return EncryptionCodec.fromConfig(config, dataKeys);
}
