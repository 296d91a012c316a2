import { randomUUID } from 'node:crypto';
import type { Sessions } from '../support/people-tokens';

/** An answer of the casework API: status, parsed body and the headers a test looks at. */
export interface ApiReply<Body = Record<string, unknown>> {
  status: number;
  body: Body;
  contentType: string;
  replayed: boolean;
}

/** Options of one request: another token than the person's session, an Idempotency-Key, a raw body. */
export interface RequestOptions {
  token?: string | null;
  key?: string | null;
  rawBody?: string;
}

/** The casework API as a person's browser or script calls it: over HTTP, with the person's own access token. */
export class CaseworkClient {
  constructor(
    private readonly baseUrl: string,
    private readonly sessions: Sessions,
  ) {}

  /** A GET as `username` (or with `options.token`, `null` for none). */
  get<Body = Record<string, unknown>>(username: string, path: string, options: RequestOptions = {}): Promise<ApiReply<Body>> {
    return this.send<Body>('GET', username, path, undefined, options);
  }

  /** A step as `username`: a POST with a fresh Idempotency-Key unless one is given (`null` for none). */
  post<Body = Record<string, unknown>>(username: string, path: string, body: unknown, options: RequestOptions = {}): Promise<ApiReply<Body>> {
    return this.send<Body>('POST', username, path, body, { ...options, key: options.key === undefined ? randomUUID() : options.key });
  }

  /** A step that must be accepted; fails the test with the problem document otherwise. */
  async step(username: string, path: string, body: unknown): Promise<ApiReply> {
    const reply = await this.post(username, path, body);
    if (reply.status !== 200) throw new Error(`${username} POST ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply;
  }

  private async send<Body>(method: string, username: string, path: string, body: unknown, options: RequestOptions): Promise<ApiReply<Body>> {
    const token = options.token === undefined ? await this.sessions.tokenOf(username) : options.token;
    const headers: Record<string, string> = {};
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    if (body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(options.rawBody !== undefined ? { body: options.rawBody } : body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as Body,
      contentType: response.headers.get('content-type') ?? '',
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  }
}
