import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@oioo/database';

/** An arrival forwarded to its EOI case (E8), keyed by Border Force's event id. */
export interface EntryRecord {
  eventId: string;
  eoiId: string;
  personId: string;
  travelReference?: string;
  arrivedAt: Date;
  port: string;
  /** The state the EOI case was left in. */
  caseState: string;
  forwardedAt: Date;
}

interface EntryRow {
  event_id: string;
  eoi_id: string;
  person_id: string;
  travel_reference: string | null;
  arrived_at: Date;
  port: string;
  case_state: string;
  forwarded_at: Date;
}

const COLUMNS = 'event_id, eoi_id, person_id, travel_reference, arrived_at, port, case_state, forwarded_at';

/** E8, Q1: Border Force's entry records, as forwarded to the EOI case workflows. */
@Injectable()
export class EntryRecordsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The entry carried by this event, if it was already forwarded. */
  async find(eventId: string): Promise<EntryRecord | undefined> {
    const { rows } = await this.db.query<EntryRow>(`SELECT ${COLUMNS} FROM entry_records WHERE event_id = $1`, [eventId]);
    return rows[0] && toEntry(rows[0]);
  }

  /** Stores a forwarded entry; false when this event was stored before. */
  async record(entry: EntryRecord): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO entry_records (event_id, eoi_id, person_id, travel_reference, arrived_at, port, case_state, forwarded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING`,
      [entry.eventId, entry.eoiId, entry.personId, entry.travelReference ?? null, entry.arrivedAt.toISOString(), entry.port, entry.caseState, entry.forwardedAt.toISOString()],
    );
    return rowCount === 1;
  }

  /** Every entry forwarded for an EOI, in arrival order. */
  async findByEoi(eoiId: string): Promise<EntryRecord[]> {
    const { rows } = await this.db.query<EntryRow>(`SELECT ${COLUMNS} FROM entry_records WHERE eoi_id = $1 ORDER BY arrived_at, event_id`, [eoiId]);
    return rows.map(toEntry);
  }
}

function toEntry(row: EntryRow): EntryRecord {
  return {
    eventId: row.event_id,
    eoiId: row.eoi_id,
    personId: row.person_id,
    ...(row.travel_reference === null ? {} : { travelReference: row.travel_reference }),
    arrivedAt: row.arrived_at,
    port: row.port,
    caseState: row.case_state,
    forwardedAt: row.forwarded_at,
  };
}
