import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { PersonCaller } from '@oioo/auth';
import type { OperationEntry, operationRecordBody } from '@oioo/contracts';
import { type CanonicalValue, DATABASE, type Database, appendChained } from '@oioo/database';
import { type LoggedRow, logSearch, loggedBy } from '../persistence/log-search';

/** The audit stream (and table) of the operations log. */
export const OPERATIONS_STREAM = 'operations';

interface OperationRow extends LoggedRow {
  verb: OperationEntry['verb'];
  arguments: Record<string, unknown> | string;
  targets: string[];
  reason: string | null;
  outcome: OperationEntry['outcome'];
  detail: string | null;
  operation_id: string | null;
}

/** Filters of a search of the log; every one optional. */
export interface OperationFilter {
  verb?: string;
  target?: string;
  actorId?: string;
  before?: string;
  limit: number;
}

/** The operations log: what SREs did with `npm run ops`, a hash-chained append-only stream (migration 0003), always with the verified caller. */
@Injectable()
export class OperationsLog {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records one entry as `caller`; the time is the database's, never the client's. */
  async record(caller: PersonCaller, entry: z.output<typeof operationRecordBody>): Promise<{ id: string; at: string }> {
    const appended = await appendChained(this.db, OPERATIONS_STREAM, {
      actor_id: caller.actorId,
      actor_name: caller.name,
      roles: [...caller.roles],
      verb: entry.verb,
      arguments: entry.arguments as Record<string, CanonicalValue>,
      targets: entry.targets,
      reason: entry.reason ?? null,
      outcome: entry.outcome,
      detail: entry.detail ?? null,
      operation_id: entry.operationId ?? null,
    });
    return { id: appended.id, at: appended.at };
  }

  /** Entries newest first, filtered by verb, target, person, and older than `before` (an id) for paging. */
  async search(filter: OperationFilter): Promise<OperationEntry[]> {
    const search = logSearch(
      [
        filter.verb ? ['verb = ?', filter.verb] : undefined,
        // Containment, so the GIN index on targets answers it.
        filter.target ? ['targets @> ARRAY[?]::text[]', filter.target] : undefined,
        filter.actorId ? ['actor_id = ?', filter.actorId] : undefined,
        filter.before ? ['id < ?', filter.before] : undefined,
      ],
      filter.limit,
    );
    const sql = `SELECT id::text AS id, at, actor_id, actor_name, roles, verb, arguments, targets, reason, outcome, detail, operation_id::text AS operation_id
      FROM operations ${search.where} ORDER BY id DESC LIMIT ${search.limit}`;
    const { rows } = await this.db.query<OperationRow>(sql, search.values);
    return rows.map((row) => ({
      ...loggedBy(row),
      verb: row.verb,
      arguments: typeof row.arguments === 'string' ? (JSON.parse(row.arguments) as Record<string, unknown>) : row.arguments,
      targets: row.targets,
      ...(row.reason !== null ? { reason: row.reason } : {}),
      outcome: row.outcome,
      ...(row.detail !== null ? { detail: row.detail } : {}),
      ...(row.operation_id !== null ? { operationId: row.operation_id } : {}),
    }));
  }
}
