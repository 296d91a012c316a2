import { randomBytes } from 'node:crypto';
import type { PendingSignIn } from '@oioo/auth';

/** A signed-in person as the gateway keeps them: the access token it forwards to the codec, and what the UI may do for them. */
export interface GatewaySession {
  accessToken: string;
  expiresAt: number;
  actorId: string;
  access: 'read' | 'write';
}


/** How long a sign-in may take between the redirect to the provider and the callback. */
const PENDING_TTL_MS = 10 * 60_000;

/**
 * Sessions and sign-ins under way, in memory, keyed by random ids that only ever travel in HttpOnly cookies.
 * A local tool's store: a restart signs everyone out, which is what the dev stack wants.
 */
export class GatewaySessions {
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly pending = new Map<string, PendingSignIn & { at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a session and returns its id (the cookie's value). */
  open(session: GatewaySession): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, session);
    return id;
  }

  /** The live session of an id; an expired one is forgotten. */
  get(id: string | undefined): GatewaySession | undefined {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /** Ends a session. */
  close(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  /** Remembers a sign-in under way; returns the id its cookie carries. */
  begin(pending: PendingSignIn): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.pending.set(id, { ...pending, at: this.now() });
    return id;
  }

  /** Takes the sign-in under way of this browser (once: a replayed callback finds nothing). */
  take(id: string | undefined): PendingSignIn | undefined {
    if (id === undefined) return undefined;
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (!pending || this.now() - pending.at > PENDING_TTL_MS) return undefined;
    const { at: _at, ...rest } = pending;
    return rest;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
    for (const [id, pending] of this.pending) if (now - pending.at > PENDING_TTL_MS) this.pending.delete(id);
  }
}
