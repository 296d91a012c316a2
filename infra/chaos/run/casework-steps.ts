import { personByUsername } from '../../oidc';
import { type HistoryWriter } from '../history';
import { type StepAction } from '../workload';
import { seatHolder } from './seat-holders';

/** How a step ended: acknowledged (2xx), refused (a 4xx the API will not change its mind about), or given up after retries. */
export type StepOutcome = { kind: 'acknowledged'; commandId?: string } | { kind: 'refused'; status: number; problemCode?: string } | { kind: 'gave-up' };

/** Settings of the casework API client. */
export interface CaseworkStepsOptions {
  baseUrl: string;
  history: HistoryWriter;
  signIn(username: string): Promise<string>;
  /** Attempts per step before giving up on answers that may be retried (5xx, 429, no answer). */
  maxAttempts?: number;
  /** Time one request may take before it counts as unanswered. */
  requestTimeoutMs?: number;
}

/**
 * Takes caseworkers' steps through the casework API as the right person of the case's team, recording every
 * request (`command-sent`) and its answer or failure (`command-answered`). A step the API says may be
 * retried (5xx, 429) or that got no answer is sent again with the same Idempotency-Key, so the platform
 * recognises it and takes it at most once; each retry is a request of its own in the history.
 */
export class CaseworkSteps {
  private readonly tokens = new Map<string, Promise<string>>();
  private requests = 0;

  constructor(private readonly options: CaseworkStepsOptions) {}

  async take(action: StepAction): Promise<StepOutcome> {
    const username = seatHolder(action);
    const actor = personByUsername(username)?.sub;
    if (!actor) throw new Error(`${username} is not a seeded person`);
    const maxAttempts = this.options.maxAttempts ?? 8;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const requestId = `rq_${action.seq}_${++this.requests}`;
      await this.options.history.append({
        type: 'command-sent',
        requestId,
        operationId: action.operationId,
        target: { kind: action.flow.kind, id: action.flow.id },
        idempotencyKey: action.idempotencyKey,
        actor,
      });
      const answer = await this.send(username, action).catch((error: unknown) => ({ error: failureOf(error) }));
      if ('error' in answer) {
        await this.options.history.append({ type: 'command-answered', requestId, error: answer.error });
      } else {
        const commandId = typeof answer.body['commandId'] === 'string' ? answer.body['commandId'] : undefined;
        const problemCode = typeof answer.body['code'] === 'string' ? answer.body['code'] : undefined;
        await this.options.history.append({ type: 'command-answered', requestId, status: answer.status, ...(problemCode ? { problemCode } : {}), ...(commandId ? { commandId } : {}) });
        if (answer.status >= 200 && answer.status < 300) return { kind: 'acknowledged', ...(commandId ? { commandId } : {}) };
        if (answer.status === 401) this.tokens.delete(username);
        else if (answer.status !== 429 && answer.status < 500) return { kind: 'refused', status: answer.status, ...(problemCode ? { problemCode } : {}) };
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 250 * 2 ** (attempt - 1))));
    }
    return { kind: 'gave-up' };
  }

  private async send(username: string, action: StepAction): Promise<{ status: number; body: Record<string, unknown> }> {
    const token = await this.tokenOf(username);
    const response = await fetch(`${this.options.baseUrl}${action.path}`, {
      method: action.method,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': action.idempotencyKey, 'content-type': 'application/json' },
      body: JSON.stringify(action.body),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    return { status: response.status, body };
  }

  private tokenOf(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.options.signIn(username);
      token.catch(() => this.tokens.delete(username));
      this.tokens.set(username, token);
    }
    return token;
  }
}

/** An opaque word for a request that got no answer (the history holds no error text). */
function failureOf(error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  if (code === 'ECONNRESET') return 'connection-reset';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  return 'network-error';
}
