import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { PersonCaller } from '@oioo/auth';
import type { OperationEntry, operationRecordBody } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { logSearch } from '../persistence/log-search';

interface OperationRow {
  id: string;
  at: Date | string;
  actor_id: string;
  actor_name: string;
  roles: string[];
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

/** The operations log: what SREs did with `npm run ops`. Rows are only ever inserted, always with the verified caller. */
@Injectable()
export class OperationsLog {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records one entry as `caller`; the time is the database's, never the client's. */
  async record(caller: PersonCaller, entry: z.output<typeof operationRecordBody>): Promise<{ id: string; at: string }> {
    const { rows } = await this.db.query<{ id: string; at: Date | string }>(
      `INSERT INTO operations (actor_id, actor_name, roles, verb, arguments, targets, reason, outcome, detail, operation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id, at`,
      [caller.actorId, caller.name, caller.roles, entry.verb, JSON.stringify(entry.arguments), entry.targets, entry.reason ?? null, entry.outcome, entry.detail ?? null, entry.operationId ?? null],
    );
    const row = rows[0];
    if (!row) throw new Error('the operations log returned no row for an insert');
    return { id: row.id, at: new Date(row.at).toISOString() };
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
      id: row.id,
      at: new Date(row.at).toISOString(),
      actorId: row.actor_id,
      actorName: row.actor_name,
      roles: row.roles,
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
