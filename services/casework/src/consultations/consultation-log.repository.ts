import { Inject, Injectable } from '@nestjs/common';
import type { PersonCaller } from '@oioo/auth';
import { DATABASE, type Database } from '@oioo/database';
import { logSearch } from '../persistence/log-search';

/** One read of a case's personal data, as the log keeps it (S3). */
export interface Consultation {
  id: string;
  at: string;
  actorId: string;
  actorName: string;
  roles: string[];
  caseKind: string;
  caseId: string;
  operation: string;
  purpose: string;
}

interface ConsultationRow {
  id: string;
  at: Date | string;
  actor_id: string;
  actor_name: string;
  roles: string[];
  case_kind: string;
  case_id: string;
  operation: string;
  purpose: string;
}

/** S3: the consultation log. Rows are only ever inserted; an auditor reads them through the API. */
@Injectable()
export class ConsultationLog {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records that `caller` read personal data of one case (or of the log itself), and why. */
  async record(caller: PersonCaller, entry: { caseKind: string; caseId: string; operation: string; purpose: string }): Promise<void> {
    await this.db.query(
      'INSERT INTO consultations (actor_id, actor_name, roles, case_kind, case_id, operation, purpose) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [caller.actorId, caller.name, caller.roles, entry.caseKind, entry.caseId, entry.operation, entry.purpose],
    );
  }

  /** Entries newest first, optionally for one case or one person, older than `before` (an id) for paging. */
  async search(filter: { caseId?: string; actorId?: string; before?: string; limit: number }): Promise<Consultation[]> {
    const search = logSearch(
      [
        filter.caseId ? ['case_id = ?', filter.caseId] : undefined,
        filter.actorId ? ['actor_id = ?', filter.actorId] : undefined,
        filter.before ? ['id < ?', filter.before] : undefined,
      ],
      filter.limit,
    );
    const sql = `SELECT id::text AS id, at, actor_id, actor_name, roles, case_kind, case_id, operation, purpose FROM consultations ${search.where} ORDER BY id DESC LIMIT ${search.limit}`;
    const { rows } = await this.db.query<ConsultationRow>(sql, search.values);
    return rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      actorId: row.actor_id,
      actorName: row.actor_name,
      roles: row.roles,
      caseKind: row.case_kind,
      caseId: row.case_id,
      operation: row.operation,
      purpose: row.purpose,
    }));
  }
}
