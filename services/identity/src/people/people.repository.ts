import { Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';

/** People known to identity, by opaque id only (S3). */
@Injectable()
export class PeopleRepository {
  /** Records the person if identity has not met them before; safe to repeat. */
  async ensure(q: Queryable, personId: string): Promise<void> {
    await q.query('INSERT INTO people (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [personId]);
  }

  /** True when identity knows the person. */
  async exists(q: Queryable, personId: string): Promise<boolean> {
    return (await q.query('SELECT 1 FROM people WHERE id = $1', [personId])).rowCount > 0;
  }
}
