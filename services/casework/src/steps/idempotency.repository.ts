import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@oioo/database';

/** A key a person used, what for, and the first definitive answer once there is one. */
export interface IdempotencyRecord {
  operationId: string;
  targetId: string;
  requestHash: string;
  commandId: string;
  response?: { status: number; body: unknown };
}

interface Row {
  operation_id: string;
  target_id: string;
  request_hash: string;
  command_id: string;
  response_status: number | null;
  response_body: unknown;
}

/** The Idempotency-Keys people have used, per person, so a retry gets the first answer and a reuse for something else is caught. */
@Injectable()
export class IdempotencyStore {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Claims the key for this request, or returns what it was first used for (whoever won a race to claim it). */
  async claim(actorId: string, key: string, record: Omit<IdempotencyRecord, 'response'>): Promise<IdempotencyRecord> {
    await this.db.query(
      `INSERT INTO idempotency_keys (actor_id, idempotency_key, operation_id, target_id, request_hash, command_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (actor_id, idempotency_key) DO NOTHING`,
      [actorId, key, record.operationId, record.targetId, record.requestHash, record.commandId],
    );
    const { rows } = await this.db.query<Row>('SELECT operation_id, target_id, request_hash, command_id, response_status, response_body FROM idempotency_keys WHERE actor_id = $1 AND idempotency_key = $2', [actorId, key]);
    const row = rows[0];
    if (!row) throw new Error('idempotency key vanished after it was claimed');
    return {
      operationId: row.operation_id,
      targetId: row.target_id,
      requestHash: row.request_hash,
      commandId: row.command_id,
      ...(row.response_status === null ? {} : { response: { status: row.response_status, body: row.response_body } }),
    };
  }

  /** Keeps the first definitive answer; a later one for the same key (a racing retry) never replaces it. */
  async complete(actorId: string, key: string, response: { status: number; body: unknown }): Promise<void> {
    await this.db.query('UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE actor_id = $1 AND idempotency_key = $2 AND response_status IS NULL', [
      actorId,
      key,
      response.status,
      JSON.stringify(response.body),
    ]);
  }
}
