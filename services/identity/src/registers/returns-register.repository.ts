import { Inject, Injectable } from '@nestjs/common';
import { type RegisterReturnBody } from '@oioo/contracts';
import { DATABASE, type Database, type Queryable } from '@oioo/database';

/** What became of a return registration. */
export type RegisterReturnOutcome =
  /** Recorded now, with this many enrolments entering the register. */
  | { kind: 'registered'; enrolments: number }
  /** The same key or the same case was registered before: nothing changed (idempotent). */
  | { kind: 'already-registered' }
  /** The case is already registered as the return of another person: refused. */
  | { kind: 'conflict'; registeredPersonId: string };

/** One return under the scheme, as registered. */
export interface RegisteredReturn {
  caseId: string;
  personId: string;
  handoverReference: string;
  registeredAt: string;
  enrolmentReferences: string[];
}

interface ReturnRow {
  case_id: string;
  person_id: string;
  handover_reference: string;
  idempotency_key: string;
  registered_at: Date;
}

/**
 * R11: the register of people returned under the scheme. Registering a return puts every enrolment of
 * the person (and of the returned case) into the register, so a later capture of the same biometrics
 * matches it. Idempotent by the caller's key and by case: the row and its key commit together.
 */
@Injectable()
export class ReturnsRegisterRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Registers a return once; a repeat (same key or same case) is `already-registered`. */
  async register(input: RegisterReturnBody): Promise<RegisterReturnOutcome> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO returns_register (case_id, person_id, handover_reference, idempotency_key)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [input.caseId, input.personId, input.handoverReference, input.idempotencyKey],
      );
      if (inserted.rowCount === 0) {
        const earlier = await tx.query<ReturnRow>('SELECT case_id, person_id, handover_reference, idempotency_key, registered_at FROM returns_register WHERE idempotency_key = $1 OR case_id = $2', [
          input.idempotencyKey,
          input.caseId,
        ]);
        // A repeated key returns the first result whatever the body; a new key for a known case is a repeat only for the same person.
        if (earlier.rows.some((row) => row.idempotency_key === input.idempotencyKey)) return { kind: 'already-registered' };
        const sameCase = earlier.rows.find((row) => row.case_id === input.caseId);
        if (sameCase && sameCase.person_id !== input.personId) return { kind: 'conflict', registeredPersonId: sameCase.person_id };
        return { kind: 'already-registered' };
      }
      const added = await tx.query(
        `INSERT INTO returns_register_enrolments (return_case_id, enrolment_reference)
         SELECT $1, reference FROM enrolments WHERE person_id = $2 OR case_id = $1
         ON CONFLICT DO NOTHING`,
        [input.caseId, input.personId],
      );
      return { kind: 'registered', enrolments: added.rowCount };
    });
  }

  /** When each of these cases' returns were registered, for those that have one. */
  async returnedAt(q: Queryable, caseIds: readonly string[]): Promise<Map<string, string>> {
    if (caseIds.length === 0) return new Map();
    const rows = await q.query<{ case_id: string; registered_at: Date }>('SELECT case_id, registered_at FROM returns_register WHERE case_id = ANY($1)', [caseIds]);
    return new Map(rows.rows.map((row) => [row.case_id, row.registered_at.toISOString()]));
  }

  /** The return registered for a case, with the enrolments that entered the register. */
  async find(caseId: string): Promise<RegisteredReturn | undefined> {
    const row = (await this.db.query<ReturnRow>('SELECT case_id, person_id, handover_reference, idempotency_key, registered_at FROM returns_register WHERE case_id = $1', [caseId])).rows[0];
    if (!row) return undefined;
    const enrolments = await this.db.query<{ enrolment_reference: string }>(
      'SELECT enrolment_reference FROM returns_register_enrolments WHERE return_case_id = $1 ORDER BY enrolment_reference',
      [caseId],
    );
    return {
      caseId: row.case_id,
      personId: row.person_id,
      handoverReference: row.handover_reference,
      registeredAt: row.registered_at.toISOString(),
      enrolmentReferences: enrolments.rows.map((entry) => entry.enrolment_reference),
    };
  }
}
