import { Store, type SessionData } from 'express-session';
import { type Database } from '@oioo/database';

/** How long a session without its own cookie expiry lives. */
const FALLBACK_TTL_MS = 30 * 60 * 1000;

/**
 * express-session's store on the console's own schema (PGlite by default, PostgreSQL in production), so
 * every instance behind a load balancer sees the same sessions and a restart signs nobody out. Reads
 * ignore expired rows; writes sweep them now and then.
 */
export class DatabaseSessionStore extends Store {
  private writes = 0;

  constructor(private readonly db: Database) {
    super();
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.db
      .query<{ data: SessionData }>('SELECT data FROM sessions WHERE sid = $1 AND expires_at > now()', [sid])
      .then((result) => callback(null, result.rows[0]?.data ?? null), callback);
  }

  override set(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    this.db
      .query(
        `INSERT INTO sessions (sid, data, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
        [sid, JSON.stringify(session), expiryOf(session)],
      )
      .then(() => this.sweepNowAndThen())
      .then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.db.query('DELETE FROM sessions WHERE sid = $1', [sid]).then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    this.db.query('UPDATE sessions SET expires_at = $2 WHERE sid = $1', [sid, expiryOf(session)]).then(
      () => callback?.(),
      () => callback?.(),
    );
  }

  /** Deletes expired sessions once every hundred writes, so the table stays the size of who is signed in. */
  private async sweepNowAndThen(): Promise<void> {
    this.writes += 1;
    if (this.writes % 100 === 0) await this.db.query('DELETE FROM sessions WHERE expires_at <= now()');
  }
}

function expiryOf(session: SessionData): Date {
  const expires = session.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + FALLBACK_TTL_MS);
}
