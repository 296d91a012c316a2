import type { CodecKeyRing } from '../temporal-config';
import { DataKeyCache } from './data-key-cache';
import { DataKeyDestroyedError, DataKeyUnavailableError, PayloadDecryptionError } from './data-key-errors';
import type { DataKeyStore } from './data-key-store';
import type { DataKeyLookup } from './data-key-wire';
import { newDataKey, unwrapDataKey, wrapDataKey } from './data-key-wrapping';

/** The unwrapped data key of each case, for the payload codec. */
export interface CaseDataKeys {
  /** The workflow's data key, created (and stored wrapped) when it has none yet. */
  forEncoding(workflowId: string): Promise<Buffer>;
  /** The workflow's data key; throws {@link DataKeyDestroyedError} once retention destroyed it. */
  forDecoding(workflowId: string): Promise<Buffer>;
}

/** How long an unwrapped key is kept in memory, and how many: the bound on how late a destruction takes effect. */
export interface DataKeyCacheSettings {
  maxEntries: number;
  ttlMs: number;
}

/** Default cache: 10,000 cases for 5 minutes. */
export const DEFAULT_DATA_KEY_CACHE: DataKeyCacheSettings = { maxEntries: 10_000, ttlMs: 5 * 60_000 };

/**
 * Envelope encryption per case (S4 crypto-shredding): each workflow's payloads are encrypted with a data key
 * of its own, kept in a {@link DataKeyStore} only wrapped by the codec key ring. Destroying the stored key
 * makes every copy of that workflow's history unreadable, wherever it was copied.
 */
export class EnvelopedCaseDataKeys implements CaseDataKeys {
  private readonly cache: DataKeyCache;
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly store: DataKeyStore,
    private readonly keyRing: CodecKeyRing,
    cache: DataKeyCacheSettings = DEFAULT_DATA_KEY_CACHE,
  ) {
    this.cache = new DataKeyCache(cache.maxEntries, cache.ttlMs);
  }

  async forEncoding(workflowId: string): Promise<Buffer> {
    return this.cached(workflowId, 'encode', async () => {
      const found = await this.store.find(workflowId);
      const lookup = found ?? (await this.store.createIfAbsent(wrapDataKey(this.keyRing, workflowId, newDataKey())));
      if (lookup.state === 'destroyed') {
        throw new DataKeyUnavailableError(`workflow ${workflowId} had its data key destroyed at ${lookup.destroyed.destroyedAt} (${lookup.destroyed.reason}); nothing more can be written for it`);
      }
      return this.unwrap(lookup);
    });
  }

  async forDecoding(workflowId: string): Promise<Buffer> {
    return this.cached(workflowId, 'decode', async () => {
      const lookup = await this.store.find(workflowId);
      if (lookup === undefined) throw new PayloadDecryptionError(`workflow ${workflowId} has no data key in the vault`);
      return this.unwrap(lookup);
    });
  }

  /** Drops these workflows' keys from memory at once: the vault's own process calls it when it destroys them. */
  forget(workflowIds: readonly string[]): void {
    for (const workflowId of workflowIds) this.cache.delete(workflowId);
  }

  private unwrap(lookup: DataKeyLookup): Buffer {
    if (lookup.state === 'destroyed') {
      this.cache.delete(lookup.destroyed.workflowId);
      throw new DataKeyDestroyedError(lookup.destroyed.workflowId, lookup.destroyed.destroyedAt, lookup.destroyed.reason);
    }
    return unwrapDataKey(this.keyRing, lookup.key);
  }

  /** One vault round trip per workflow at a time, however many payloads ask at once. */
  private async cached(workflowId: string, purpose: string, load: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.cache.get(workflowId);
    if (hit !== undefined) return hit;
    const flightKey = `${purpose}\n${workflowId}`;
    let pending = this.inFlight.get(flightKey);
    if (pending === undefined) {
      pending = load()
        .then((key) => {
          this.cache.set(workflowId, key);
          return key;
        })
        .finally(() => this.inFlight.delete(flightKey));
      this.inFlight.set(flightKey, pending);
    }
    return pending;
  }
}
