import { Inject, Injectable } from '@nestjs/common';
import { EXEMPTION_REASONS, type LegalReviewSubjectAccess, type SubjectAccessCases, type WithheldItem } from '@oioo/contracts';
import { DATABASE, type Database, type Queryable, isoTimestamp, isoTimestampOrNull } from '@oioo/database';

type Row = Record<string, unknown>;

/**
 * Right of access: what legal-review holds on one person: challenges they lodged or that hold their cases, the
 * readmission requests sent to France for their cases with the disclosures and France's replies, and the
 * security checks of their EOIs with their own result. A check asked for a whole family keeps the other
 * people's ids and results out, and says so.
 */
@Injectable()
export class SubjectAccessRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** What legal-review holds on `personId` and the cases identity links to them. */
  async gather(personId: string, cases: SubjectAccessCases): Promise<LegalReviewSubjectAccess> {
    return this.db.transaction((tx) => this.read(tx, personId, cases));
  }

  private async read(q: Queryable, personId: string, cases: SubjectAccessCases): Promise<LegalReviewSubjectAccess> {
    const rows = async (sql: string, params: unknown[]) => (await q.query<Row>(sql, params)).rows;
    const caseIds = cases.readmissionCaseIds;
    const challenges = await rows(
      'SELECT challenge_id, case_id, kind, lodged_at, status, outcome, decided_at FROM challenges WHERE person_id = $1 OR case_id = ANY($2::text[]) ORDER BY lodged_at, challenge_id',
      [personId, caseIds],
    );
    const requests = await rows(
      'SELECT request_reference, case_id, request_number, content_sha256, recorded_at, published_at FROM readmission_requests WHERE case_id = ANY($1::text[]) ORDER BY case_id, request_number',
      [caseIds],
    );
    const disclosures = await rows(
      'SELECT case_id, recipient, fields, purpose, channel, request_reference, logged_at FROM disclosure_log WHERE case_id = ANY($1::text[]) ORDER BY logged_at, disclosure_id',
      [caseIds],
    );
    const replies = await rows('SELECT case_id, request_reference, kind, ground, replied_at, case_state FROM france_replies WHERE case_id = ANY($1::text[]) ORDER BY replied_at', [caseIds]);
    const checks = await rows(
      `SELECT r.check_reference, r.eoi_id, r.requested_at, r.published_at, cardinality(r.person_ids) AS people,
              res.outcome, res.ground, res.completed_at
       FROM security_check_requests r
       LEFT JOIN security_check_results res ON res.check_reference = r.check_reference AND res.person_id = $1
       WHERE r.eoi_id = ANY($2::text[]) AND $1 = ANY(r.person_ids) ORDER BY r.requested_at`,
      [personId, cases.eoiIds],
    );

    const withheld: WithheldItem[] = [];
    const others = checks.reduce((sum, row) => sum + Number(row['people']) - 1, 0);
    if (others > 0) withheld.push({ what: 'the other people of the person\'s security checks (their ids and results)', reason: EXEMPTION_REASONS.otherPerson, count: others });

    return {
      personId,
      challenges: challenges.map((row) => ({
        challengeId: String(row['challenge_id']),
        caseId: String(row['case_id']),
        kind: String(row['kind']),
        lodgedAt: isoTimestamp(row['lodged_at']),
        status: String(row['status']),
        outcome: (row['outcome'] as string | null) ?? null,
        decidedAt: isoTimestampOrNull(row['decided_at']),
      })),
      readmissionRequests: requests.map((row) => ({
        requestReference: String(row['request_reference']),
        caseId: String(row['case_id']),
        requestNumber: Number(row['request_number']),
        contentSha256: String(row['content_sha256']),
        recordedAt: isoTimestamp(row['recorded_at']),
        publishedAt: isoTimestampOrNull(row['published_at']),
      })),
      disclosures: disclosures.map((row) => ({
        caseId: String(row['case_id']),
        recipient: String(row['recipient']),
        fields: row['fields'] as string[],
        purpose: String(row['purpose']),
        channel: String(row['channel']),
        requestReference: String(row['request_reference']),
        loggedAt: isoTimestamp(row['logged_at']),
      })),
      franceReplies: replies.map((row) => ({
        caseId: String(row['case_id']),
        requestReference: String(row['request_reference']),
        kind: String(row['kind']),
        ground: (row['ground'] as string | null) ?? null,
        repliedAt: isoTimestamp(row['replied_at']),
        caseState: String(row['case_state']),
      })),
      securityChecks: checks.map((row) => ({
        checkReference: String(row['check_reference']),
        eoiId: String(row['eoi_id']),
        requestedAt: isoTimestamp(row['requested_at']),
        publishedAt: isoTimestampOrNull(row['published_at']),
        result: row['outcome'] ? { outcome: row['outcome'] as 'clear' | 'refuse', ground: (row['ground'] as string | null) ?? null, completedAt: isoTimestamp(row['completed_at']) } : null,
      })),
      withheld,
    };
  }
}
