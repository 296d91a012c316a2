import { Injectable } from '@nestjs/common';
import { createLogger } from '@oioo/config';
import { type CodecKeyRing, loadTemporalConfig, rewrapDataKey } from '@oioo/temporal';
import { DataKeyVault } from './data-key-vault.repository';

/** One key of the ring and what still needs it in the vault. */
export interface KeyRingEntry {
  keyId: string;
  active: boolean;
  /** Data keys this key wraps: until re-wrapped, removing the key shreds those cases by accident. */
  wrapsDataKeys: number;
}

/** What a re-wrap did. */
export interface RewrapOutcome {
  activeKeyId: string;
  rewrapped: number;
  /** Changed by someone else meanwhile (destroyed, or re-wrapped by another instance): left as they are. */
  skipped: number;
}

const REWRAP_PAGE = 200;

/**
 * Key rotation for the case data keys: which keys of the ring still wrap data keys, and re-wrapping them
 * all with the active key. The data keys themselves do not change, so no payload is re-encrypted.
 */
@Injectable()
export class KeyRingService {
  private readonly logger = createLogger('casework').child({ feature: 'key-ring' });
  private readonly keyRing: CodecKeyRing = loadTemporalConfig(process.env, 'casework').codec;

  constructor(private readonly vault: DataKeyVault) {}

  /** Every key of this process's ring, plus any key the vault names that the ring lacks (wrapsDataKeys > 0, so it must come back). */
  async entries(): Promise<{ activeKeyId: string; keys: KeyRingEntry[] }> {
    const use = new Map((await this.vault.wrappingKeyUse()).map((entry) => [entry.wrappingKeyId, entry.dataKeys]));
    const ids = [...new Set([...this.keyRing.keys.keys(), ...use.keys()])];
    return {
      activeKeyId: this.keyRing.activeKeyId,
      keys: ids.map((keyId) => ({ keyId, active: keyId === this.keyRing.activeKeyId, wrapsDataKeys: use.get(keyId) ?? 0 })),
    };
  }

  /** Re-wraps every data key not wrapped by the active key, page by page. */
  async rewrapAll(): Promise<RewrapOutcome> {
    let rewrapped = 0;
    let skipped = 0;
    let after = '';
    for (;;) {
      const page = await this.vault.wrappedByOtherThan(this.keyRing.activeKeyId, REWRAP_PAGE, after);
      for (const wrapped of page) {
        if (await this.vault.replaceWrapping(wrapped, rewrapDataKey(this.keyRing, wrapped))) rewrapped += 1;
        else skipped += 1;
      }
      if (page.length < REWRAP_PAGE) break;
      after = page[page.length - 1]?.workflowId ?? after;
    }
    this.logger.info('case data keys re-wrapped', { activeKeyId: this.keyRing.activeKeyId, rewrapped, skipped });
    return { activeKeyId: this.keyRing.activeKeyId, rewrapped, skipped };
  }
}
