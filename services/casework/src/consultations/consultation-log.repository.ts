import { Inject, Injectable } from '@nestjs/common';
import type { PersonCaller } from '@oioo/auth';
import { type AppendedEntry, DATABASE, type Database, appendChained } from '@oioo/database';
import { type LoggedRow, logSearch, loggedBy } from '../persistence/log-search';

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

/** The audit stream (and table) of the consultation log. */
export const CONSULTATIONS_STREAM = 'consultations';

interface ConsultationRow extends LoggedRow {
  case_kind: string;
  case_id: string;
  operation: string;
  purpose: string;
}

/** S3: the consultation log, a hash-chained append-only stream (migration 0003); an auditor reads it through the API. */
@Injectable()
export class ConsultationLog {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records that `caller` read personal data of one case (or of the log itself), and why; returns the entry's id and time. */
  async record(caller: PersonCaller, entry: { caseKind: string; caseId: string; operation: string; purpose: string }): Promise<AppendedEntry> {
    return appendChained(this.db, CONSULTATIONS_STREAM, {
      actor_id: caller.actorId,
      actor_name: caller.name,
      roles: [...caller.roles],
      case_kind: entry.caseKind,
      case_id: entry.caseId,
      operation: entry.operation,
      purpose: entry.purpose,
    });
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
      ...loggedBy(row),
      caseKind: row.case_kind,
      caseId: row.case_id,
      operation: row.operation,
      purpose: row.purpose,
    }));
  }
}
