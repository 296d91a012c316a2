import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Queryable } from '@oioo/database';
import type { DestroyDataKeysResult } from '@oioo/contracts';
import type { DataKeyLookup, DataKeyStore, WrappedDataKey } from '@oioo/temporal';

interface KeyRow {
  workflow_id: string;
  wrapping_key_id: string;
  wrapped_key: string;
}

interface TombstoneRow {
  workflow_id: string;
  destroyed_at: Date | string;
  reason: string;
}

/** How many data keys each key of the ring wraps. */
export interface WrappingKeyUse {
  wrappingKeyId: string;
  dataKeys: number;
}

/**
 * The data-key vault (S4): each workflow's data key, wrapped by the codec key ring, in casework's own schema.
 * First writer wins on creation; destruction deletes the key and leaves a tombstone, in one transaction.
 */
@Injectable()
export class DataKeyVault implements DataKeyStore {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(workflowId: string): Promise<DataKeyLookup | undefined> {
    return this.lookup(this.db, workflowId);
  }

  async createIfAbsent(candidate: WrappedDataKey): Promise<DataKeyLookup> {
    return this.db.transaction(async (tx) => {
      const destroyed = await this.tombstone(tx, candidate.workflowId);
      if (destroyed !== undefined) return destroyed;
      await tx.query('INSERT INTO data_keys (workflow_id, wrapping_key_id, wrapped_key) VALUES ($1, $2, $3) ON CONFLICT (workflow_id) DO NOTHING', [
        candidate.workflowId,
        candidate.wrappingKeyId,
        candidate.wrappedKey,
      ]);
      return (await this.lookup(tx, candidate.workflowId)) as DataKeyLookup;
    });
  }

  /** Destroys the keys of these workflows (idempotent); `by` names the verified caller, `reason` why. */
  async destroy(workflowIds: readonly string[], reason: string, by: string): Promise<DestroyDataKeysResult> {
    const result: DestroyDataKeysResult = { destroyed: [], alreadyDestroyed: [], unknown: [] };
    for (const workflowId of new Set(workflowIds)) {
      const outcome = await this.db.transaction(async (tx) => {
        if ((await this.tombstone(tx, workflowId)) !== undefined) return 'alreadyDestroyed' as const;
        const deleted = await tx.query('DELETE FROM data_keys WHERE workflow_id = $1', [workflowId]);
        // A workflow that never had a key gets a tombstone too, so no key can be made for it afterwards.
        await tx.query('INSERT INTO destroyed_data_keys (workflow_id, reason, destroyed_by) VALUES ($1, $2, $3)', [workflowId, reason, by]);
        return deleted.rowCount > 0 ? ('destroyed' as const) : ('unknown' as const);
      });
      result[outcome].push(workflowId);
    }
    return result;
  }

  /** How many data keys each key of the ring wraps: a key wrapping none may be retired once no payload names it directly. */
  async wrappingKeyUse(): Promise<WrappingKeyUse[]> {
    const { rows } = await this.db.query<{ wrapping_key_id: string; count: string | number }>(
      'SELECT wrapping_key_id, count(*) AS count FROM data_keys GROUP BY wrapping_key_id ORDER BY wrapping_key_id',
    );
    return rows.map((row) => ({ wrappingKeyId: row.wrapping_key_id, dataKeys: Number(row.count) }));
  }

  /** Up to `limit` data keys not wrapped by `activeKeyId`, in workflow id order after `after`. */
  async wrappedByOtherThan(activeKeyId: string, limit: number, after = ''): Promise<WrappedDataKey[]> {
    const { rows } = await this.db.query<KeyRow>(
      'SELECT workflow_id, wrapping_key_id, wrapped_key FROM data_keys WHERE wrapping_key_id <> $1 AND workflow_id > $2 ORDER BY workflow_id LIMIT $3',
      [activeKeyId, after, limit],
    );
    return rows.map(toWrapped);
  }

  /** Replaces a wrapped key if it is still wrapped as `previous` says (so a concurrent destroy or re-wrap wins). */
  async replaceWrapping(previous: WrappedDataKey, next: WrappedDataKey): Promise<boolean> {
    const updated = await this.db.query(
      'UPDATE data_keys SET wrapping_key_id = $1, wrapped_key = $2, rewrapped_at = now() WHERE workflow_id = $3 AND wrapping_key_id = $4 AND wrapped_key = $5',
      [next.wrappingKeyId, next.wrappedKey, previous.workflowId, previous.wrappingKeyId, previous.wrappedKey],
    );
    return updated.rowCount > 0;
  }

  private async lookup(db: Queryable, workflowId: string): Promise<DataKeyLookup | undefined> {
    const { rows } = await db.query<KeyRow>('SELECT workflow_id, wrapping_key_id, wrapped_key FROM data_keys WHERE workflow_id = $1', [workflowId]);
    const row = rows[0];
    if (row !== undefined) return { state: 'active', key: toWrapped(row) };
    return this.tombstone(db, workflowId);
  }

  private async tombstone(db: Queryable, workflowId: string): Promise<DataKeyLookup | undefined> {
    const { rows } = await db.query<TombstoneRow>('SELECT workflow_id, destroyed_at, reason FROM destroyed_data_keys WHERE workflow_id = $1', [workflowId]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return { state: 'destroyed', destroyed: { workflowId: row.workflow_id, destroyedAt: new Date(row.destroyed_at).toISOString(), reason: row.reason } };
  }
}

function toWrapped(row: KeyRow): WrappedDataKey {
  return { workflowId: row.workflow_id, wrappingKeyId: row.wrapping_key_id, wrappedKey: row.wrapped_key };
}
