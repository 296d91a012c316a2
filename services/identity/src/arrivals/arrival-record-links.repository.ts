import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';

/** An arrival record that opened no case, linked to the case of the person it records (R11, one person, one case). */
export interface ArrivalRecordLink {
  /** The case id Border Force gave the record; no case runs under it. */
  recordCaseId: string;
  eventId: string;
  personId: string;
  /** The existing case the record belongs to. */
  caseId: string;
  link: 'open-case' | 'ended-case';
  matchedEnrolmentReference: string;
  matchScore: number;
  recordArrivedAt: string;
  /** The id of the `identity.arrival-record.linked.v1` event that announces the link. */
  noticeEventId: string;
  linkedAt: string;
}

interface LinkRow {
  record_case_id: string;
  event_id: string;
  person_id: string;
  case_id: string;
  link: ArrivalRecordLink['link'];
  matched_enrolment_reference: string;
  match_score: number;
  record_arrived_at: Date;
  notice_event_id: string;
  linked_at: Date;
}

const COLUMNS = 'record_case_id, event_id, person_id, case_id, link, matched_enrolment_reference, match_score, record_arrived_at, notice_event_id, linked_at';

/** The records linked to existing cases, one per record case id, so every copy of a record gets the same link. */
@Injectable()
export class ArrivalRecordLinksRepository {
  /** The link recorded for a record's case id, if any. */
  async find(q: Queryable, recordCaseId: string): Promise<ArrivalRecordLink | undefined> {
    const row = (await q.query<LinkRow>(`SELECT ${COLUMNS} FROM arrival_record_links WHERE record_case_id = $1`, [recordCaseId])).rows[0];
    return row ? toLink(row) : undefined;
  }

  /** Records the link unless the record has one, and returns the one that stands (the first). */
  async recordOnce(q: Queryable, link: Omit<ArrivalRecordLink, 'noticeEventId' | 'linkedAt'>): Promise<ArrivalRecordLink> {
    const inserted = await q.query<LinkRow>(
      `INSERT INTO arrival_record_links (record_case_id, event_id, person_id, case_id, link, matched_enrolment_reference, match_score, record_arrived_at, notice_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (record_case_id) DO NOTHING RETURNING ${COLUMNS}`,
      [link.recordCaseId, link.eventId, link.personId, link.caseId, link.link, link.matchedEnrolmentReference, link.matchScore, link.recordArrivedAt, randomUUID()],
    );
    const row = inserted.rows[0];
    if (row) return toLink(row);
    const existing = await this.find(q, link.recordCaseId);
    if (!existing) throw new Error(`link of record ${link.recordCaseId} vanished`);
    return existing;
  }
}

function toLink(row: LinkRow): ArrivalRecordLink {
  return {
    recordCaseId: row.record_case_id,
    eventId: row.event_id,
    personId: row.person_id,
    caseId: row.case_id,
    link: row.link,
    matchedEnrolmentReference: row.matched_enrolment_reference,
    matchScore: Number(row.match_score),
    recordArrivedAt: row.record_arrived_at.toISOString(),
    noticeEventId: row.notice_event_id,
    linkedAt: row.linked_at.toISOString(),
  };
}
