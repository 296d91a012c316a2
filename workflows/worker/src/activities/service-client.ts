import { ApplicationFailure } from '@temporalio/common';
import { type z } from 'zod';
import { serviceErrorResponseSchema } from '@oioo/contracts';

/**
 * Calls one service's HTTP API for activities. Temporal retries what may pass (network errors, 5xx,
 * 429); a 4xx refusal or an answer that breaks its contract fails the activity for good, with the
 * service's code as the failure type.
 */
export class ServiceClient {
  constructor(
    readonly service: string,
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Sends a JSON request and parses the answer with its schema (or expects no body when none is given). */
  async call<Schema extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, responseSchema: Schema): Promise<z.infer<Schema>>;
  async call(method: 'GET' | 'POST', path: string, body: unknown): Promise<void>;
  async call(method: 'GET' | 'POST', path: string, body: unknown, responseSchema?: z.ZodType): Promise<unknown> {
    const url = new URL(path, this.baseUrl).toString();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`${this.service} unreachable at ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) {
      throw new Error(`${this.service} answered ${response.status} to ${method} ${path}; will retry`);
    }
    if (response.status >= 400) {
      const refusal = serviceErrorResponseSchema.safeParse(safeJson(text));
      const code = refusal.success ? refusal.data.code : `HTTP_${response.status}`;
      const message = refusal.success ? refusal.data.message : `${this.service} refused ${method} ${path} with ${response.status}`;
      throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
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
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
