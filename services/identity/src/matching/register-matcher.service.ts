import { Inject, Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config';
import { templateHash } from './template-hash';
import { templateScorer } from './template-similarity';

/** The registers a template is checked against: people returned under the scheme (R11), recorded irregular entries (E4). */
export type RegisterName = 'returns' | 'irregular-entries';

/** One register entry whose biometrics match a template. */
export interface RegisterMatch {
  register: RegisterName;
  /** The case the entry belongs to: the readmission that returned the person, or the arrival that was an irregular entry. */
  caseId: string;
  personId: string;
  /** The enrolment that matched best within that entry. */
  enrolmentReference: string;
  /** 1 for an exact (hash) match, otherwise the similarity score (template-similarity.ts). */
  score: number;
}

/** Options of {@link RegisterMatcher.find}. */
export interface FindMatchesOptions {
  /** Leaves out the entry of this case (an arrival never matches its own enrolment). */
  excludeCaseId?: string;
}

interface CandidateRow {
  case_id: string;
  person_id: string;
  reference: string;
  template_hash: string;
  template: string;
}

/** Candidates are read in pages, so the scan's memory stays flat however large the register grows. */
const PAGE_SIZE = 500;

/** Each register's entries joined to the enrolments holding their templates, as one relation with the same columns. */
const REGISTER_SOURCES: Record<RegisterName, string> = {
  returns: `SELECT r.return_case_id AS case_id, e.person_id, e.reference, e.template_hash, e.template
            FROM returns_register_enrolments r JOIN enrolments e ON e.reference = r.enrolment_reference`,
  'irregular-entries': `SELECT i.case_id, e.person_id, e.reference, e.template_hash, e.template
                        FROM irregular_entries i JOIN enrolments e ON e.reference = i.enrolment_reference`,
};

/**
 * Matches a biometric template against a register (R11, E4): an exact match by SHA-256 through the
 * index, then a near match by similarity score over the register's templates, kept when the score
 * reaches `IDENTITY_MATCH_THRESHOLD`. The scan is linear in the register's size; see the README for
 * what a production matcher would replace it with.
 */
@Injectable()
export class RegisterMatcher {
  constructor(@Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'matchThreshold'>) {}

  /** The register's entries that match, one per case (its best enrolment), best score first. */
  async find(q: Queryable, template: string, register: RegisterName, options: FindMatchesOptions = {}): Promise<RegisterMatch[]> {
    const hash = templateHash(template);
    const score = templateScorer(template);
    const best = new Map<string, RegisterMatch>();
    const keep = (row: CandidateRow, value: number) => {
      if (row.case_id === options.excludeCaseId || value < this.config.matchThreshold) return;
      const current = best.get(row.case_id);
      if (current && current.score >= value) return;
      best.set(row.case_id, { register, caseId: row.case_id, personId: row.person_id, enrolmentReference: row.reference, score: value });
    };

    const source = REGISTER_SOURCES[register];
    const exact = await q.query<CandidateRow>(`SELECT * FROM (${source}) AS candidates WHERE template_hash = $1`, [hash]);
    for (const row of exact.rows) keep(row, 1);

    let after: [string, string] = ['', ''];
    for (;;) {
      const page = await q.query<CandidateRow>(
        `SELECT * FROM (${source}) AS candidates
         WHERE template_hash <> $1 AND (case_id, reference) > ($2, $3)
         ORDER BY case_id, reference LIMIT ${PAGE_SIZE}`,
        [hash, ...after],
      );
      for (const row of page.rows) keep(row, score(row.template));
      const last = page.rows.at(-1);
      if (!last || page.rows.length < PAGE_SIZE) break;
      after = [last.case_id, last.reference];
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.caseId.localeCompare(b.caseId));
  }
}
