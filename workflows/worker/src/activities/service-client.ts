import { ApplicationFailure } from '@temporalio/common';
import { type z } from 'zod';
import type { AccessTokenSource } from '@oioo/auth';
import { serviceErrorResponseSchema } from '@oioo/contracts';

/**
 * Calls one service's HTTP API for activities, with the worker's client-credentials access token.
 * Temporal retries what may pass (network errors, 5xx, 429, no token to be had); a 4xx refusal or an
 * answer that breaks its contract fails the activity for good, with the service's code as the failure
 * type. A 401 is tried once more with a fresh token (the token may just have expired, or the keys
 * rotated); a second 401 is left to Temporal's retries rather than failing the case.
 */
export class ServiceClient {
  constructor(
    readonly service: string,
    private readonly baseUrl: string,
    private readonly tokens: AccessTokenSource,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Sends a JSON request and parses the answer with its schema (or expects no body when none is given). */
  async call<Schema extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, responseSchema: Schema): Promise<z.infer<Schema>>;
  async call(method: 'GET' | 'POST', path: string, body: unknown): Promise<void>;
  async call(method: 'GET' | 'POST', path: string, body: unknown, responseSchema?: z.ZodType): Promise<unknown> {
    let token = await this.token(method, path);
    let response = await this.send(method, path, body, token);
    if (response.status === 401) {
      // Read to the end, so the connection is free for the retry.
      await response.text().catch(() => '');
      this.tokens.invalidate?.(token);
      token = await this.token(method, path);
      response = await this.send(method, path, body, token);
      if (response.status === 401) {
        const refusal = await this.refusalOf(response, method, path);
        throw new Error(`${this.service} refused the worker's access token twice at ${method} ${path}, the second one fresh (401 ${refusal.code}); will retry`);
      }
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) {
      throw new Error(`${this.service} answered ${response.status} to ${method} ${path}; will retry`);
    }
    if (response.status >= 400) {
      const refusal = refusalFrom(text, response.status, `${this.service} refused ${method} ${path} with ${response.status}`);
      throw ApplicationFailure.create({ type: refusal.code, message: refusal.detail, nonRetryable: true });
    }
    if (!responseSchema) return undefined;
    const parsed = responseSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw ApplicationFailure.create({
        type: 'CONTRACT_BROKEN',
        message: `${this.service} answered ${method} ${path} with a body that breaks its contract: ${parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ')}`,
        nonRetryable: true,
      });
    }
    return parsed.data;
  }

  /** The bearer token; not getting one is retried like an unreachable service (the provider may be restarting). */
  private async token(method: string, path: string): Promise<string> {
    try {
      return await this.tokens.token();
    } catch (error) {
      throw new Error(`no access token to call ${this.service} at ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async send(method: 'GET' | 'POST', path: string, body: unknown, token: string): Promise<Response> {
    const url = new URL(path, this.baseUrl).toString();
    try {
      return await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`${this.service} unreachable at ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async refusalOf(response: Response, method: string, path: string): Promise<{ code: string; detail: string }> {
    return refusalFrom(await response.text(), response.status, `${this.service} refused ${method} ${path} with ${response.status}`);
  }
}

/** The service's code and sentence from its problem document, or the bare status when the body is not one. */
function refusalFrom(text: string, status: number, fallback: string): { code: string; detail: string } {
  const problem = serviceErrorResponseSchema.safeParse(safeJson(text));
  return problem.success ? { code: problem.data.code, detail: problem.data.detail } : { code: `HTTP_${status}`, detail: fallback };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
