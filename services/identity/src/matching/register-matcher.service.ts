import { Inject, Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config';
import { candidateThreshold, indexedTemplate } from './near-match-candidates';
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

/** The columns the matcher reads of a register's relation (the indexed template is only filtered on). */
const CANDIDATE_COLUMNS = 'case_id, person_id, reference, template_hash, template';

/** Candidates are read in pages, so the scan's memory stays flat however large the register grows. */
const PAGE_SIZE = 500;

/** Each register's entries joined to the enrolments holding their templates, as one relation with the same columns. */
const REGISTER_SOURCES: Record<RegisterName, string> = {
  returns: `SELECT r.return_case_id AS case_id, e.person_id, e.reference, e.template_hash, e.template, e.indexed_template
            FROM returns_register_enrolments r JOIN enrolments e ON e.reference = r.enrolment_reference`,
  'irregular-entries': `SELECT i.case_id, e.person_id, e.reference, e.template_hash, e.template, e.indexed_template
                        FROM irregular_entries i JOIN enrolments e ON e.reference = i.enrolment_reference`,
};

/**
 * Matches a biometric template against a register (R11, E4): an exact match by SHA-256 through the
 * index, then a near match by similarity score, kept when the score reaches `IDENTITY_MATCH_THRESHOLD`.
 * The near pass scores only the candidates the trigram index gives for the probe's candidate threshold
 * (near-match-candidates.ts), and the enrolments the index cannot answer for; when the probe itself is
 * beyond the index, it scores the whole register.
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
    const exact = await q.query<CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM (${source}) AS candidates WHERE template_hash = $1`, [hash]);
    for (const row of exact.rows) keep(row, 1);

    const probe = indexedTemplate(template);
    const threshold = candidateThreshold(template, this.config.matchThreshold);
    if (probe === null || threshold === undefined) {
      for await (const row of pagesOf(q, source, 'template_hash <> $1', [hash])) keep(row, score(row.template));
    } else {
      // A scan of candidates asks the index again for each page: one page, in all but a register full of look-alikes.
      const candidates = pagesOf(q, source, 'template_hash <> $1 AND reference IN (SELECT near_match_candidates($2, $3))', [hash, probe, threshold]);
      for await (const row of candidates) keep(row, score(row.template));
      for await (const row of notIndexed(q, source, hash)) keep(row, score(row.template));
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.caseId.localeCompare(b.caseId));
  }
}

/** The rows of `source` that satisfy `where`, read a page at a time in (case, enrolment) order. */
async function* pagesOf(q: Queryable, source: string, where: string, params: readonly unknown[]): AsyncGenerator<CandidateRow> {
  const after = params.length + 1;
  let last: [string, string] = ['', ''];
  for (;;) {
    const page = await q.query<CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM (${source}) AS candidates
       WHERE ${where} AND (case_id, reference) > ($${after}, $${after + 1})
       ORDER BY case_id, reference LIMIT ${PAGE_SIZE}`,
      [...params, ...last],
    );
    yield* page.rows;
    const end = page.rows.at(-1);
    if (!end || page.rows.length < PAGE_SIZE) return;
    last = [end.case_id, end.reference];
  }
}

/**
 * The rows of `source` whose enrolment has no indexed template, a page of enrolments at a time in
 * reference order, through the partial index on them: normally none, and never a sort of all of them per page.
 */
async function* notIndexed(q: Queryable, source: string, hash: string): AsyncGenerator<CandidateRow> {
  let after = '';
  for (;;) {
    const page = await q.query<{ reference: string }>(
      `SELECT reference FROM enrolments WHERE indexed_template IS NULL AND reference > $1 ORDER BY reference LIMIT ${PAGE_SIZE}`,
      [after],
    );
    const references = page.rows.map((row) => row.reference);
    if (references.length === 0) return;
    yield* (await q.query<CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM (${source}) AS candidates WHERE template_hash <> $1 AND reference = ANY($2)`, [hash, references])).rows;
    if (references.length < PAGE_SIZE) return;
    after = references.at(-1) as string;
  }
}
