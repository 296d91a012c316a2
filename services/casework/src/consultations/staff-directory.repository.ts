import { Inject, Injectable } from '@nestjs/common';
import type { PersonCaller } from '@oioo/auth';
import { DATABASE, type Database } from '@oioo/database';

/**
 * Display names of the people who acted on cases, learnt from their verified tokens when they act. The
 * workflows record opaque actor ids only; a timeline read through the API shows the name beside them.
 */
@Injectable()
export class StaffDirectory {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Remembers the caller's current display name. */
  async remember(caller: PersonCaller): Promise<void> {
    await this.db.query(
      'INSERT INTO staff (actor_id, name) VALUES ($1, $2) ON CONFLICT (actor_id) DO UPDATE SET name = EXCLUDED.name, last_seen = now()',
      [caller.actorId, caller.name],
    );
  }

  /** Names of the given actor ids that the API has seen. */
  async namesOf(actorIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(actorIds.filter((id) => id.startsWith('cw_')))];
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.query<{ actor_id: string; name: string }>('SELECT actor_id, name FROM staff WHERE actor_id = ANY($1)', [ids]);
    return new Map(rows.map((row) => [row.actor_id, row.name]));
  }
}
