import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@oioo/database';
import { retriedTransaction } from '../shared/retried-transaction';

/** France's confirmation of a handover, as received. */
export interface NewHandover {
  handoverReference: string;
  caseId: string;
  movementId: string;
  confirmedAt: Date;
  eventId: string;
  receivedAt: Date;
}

/** What recording a handover found. */
export type HandoverRecordResult =
  | {
      kind: 'recorded';
      /** The first event's id: the command id the case workflow knows the handover by. */
      commandId: string;
      /** True when the case workflow has already accepted it (this event is a copy). */
      forwarded: boolean;
    }
  | { kind: 'conflicting'; reason: string };

interface HandoverRow {
  handover_reference: string;
  event_id: string;
  case_id: string;
  movement_id: string;
  forwarded_at: Date | null;
}

/** R9, Q1: France's handover confirmations, one per reference and one per case. */
@Injectable()
export class HandoversRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records the handover once; a copy (same reference, same case and movement) finds the first record. */
  async record(input: NewHandover): Promise<HandoverRecordResult> {
    return retriedTransaction(this.db, async (tx) => {
      await tx.query(
        `INSERT INTO handovers (handover_reference, event_id, case_id, movement_id, confirmed_at, received_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [input.handoverReference, input.eventId, input.caseId, input.movementId, input.confirmedAt.toISOString(), input.receivedAt.toISOString()],
      );
      const { rows } = await tx.query<HandoverRow>(
        `SELECT handover_reference, event_id, case_id, movement_id, forwarded_at FROM handovers WHERE handover_reference = $1 OR case_id = $2`,
        [input.handoverReference, input.caseId],
      );
      const same = rows.find((row) => row.handover_reference === input.handoverReference);
      if (same && same.case_id === input.caseId && same.movement_id === input.movementId) {
        return { kind: 'recorded', commandId: same.event_id, forwarded: same.forwarded_at !== null };
      }
      if (same) return { kind: 'conflicting', reason: `handover ${input.handoverReference} was already confirmed for another case or movement` };
      const other = rows[0] as HandoverRow;
      return { kind: 'conflicting', reason: `case ${input.caseId} was already handed over under reference ${other.handover_reference}` };
    });
  }

  /** The case workflow accepted the handover. */
  async markForwarded(handoverReference: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE handovers SET forwarded_at = $2 WHERE handover_reference = $1 AND forwarded_at IS NULL`, [handoverReference, at.toISOString()]);
  }

  /** Forgets a handover the case workflow refused, so a corrected confirmation can be recorded. */
  async remove(handoverReference: string): Promise<void> {
    await this.db.query(`DELETE FROM handovers WHERE handover_reference = $1 AND forwarded_at IS NULL`, [handoverReference]);
  }
}
