import type { DataKeyStore } from './data-key-store';
import { type DataKeyLookup, type WrappedDataKey, dataKeyLookupSchema } from './data-key-wire';

/** Where a bearer token for the vault comes from (a service's client-credentials source, or an SRE's token for ops). */
export interface VaultTokenSource {
  token(): Promise<string>;
  invalidate?(rejected: string): void;
}

/** The vault's routes under the casework service: services use the internal ones, an SRE's ops command the API's. */
export type VaultRoutes = '/internal/v1/data-keys' | '/api/v1/data-keys';

/**
 * The casework service's data-key vault over HTTP, for every process but casework itself. Errors say which
 * call failed and its status, never a key; the codec's callers (Temporal) retry what fails.
 */
export class HttpDataKeyStore implements DataKeyStore {
  constructor(
    private readonly vaultUrl: string,
    private readonly tokens: VaultTokenSource,
    private readonly routes: VaultRoutes = '/internal/v1/data-keys',
    private readonly timeoutMs = 10_000,
  ) {}

  async find(workflowId: string): Promise<DataKeyLookup | undefined> {
    const response = await this.send('GET', `${this.routes}/${encodeURIComponent(workflowId)}`);
    if (response.status === 404) {
      await response.text().catch(() => '');
      return undefined;
    }
    return this.lookupFrom(response, 'GET');
  }

  async createIfAbsent(candidate: WrappedDataKey): Promise<DataKeyLookup> {
    return this.lookupFrom(await this.send('POST', this.routes, candidate), 'POST');
  }

  private async lookupFrom(response: Response, method: string): Promise<DataKeyLookup> {
    const text = await response.text();
    if (!response.ok) throw new Error(`the data-key vault answered ${response.status} to ${method} ${this.routes}`);
    const parsed = dataKeyLookupSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`the data-key vault answered ${method} ${this.routes} with a body that breaks its contract`);
    return parsed.data;
  }

  /** Sends with a bearer token, once more with a fresh one after a 401 (it may have just expired). */
  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const attempt = async (token: string) =>
      fetch(new URL(path, this.vaultUrl), {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    const token = await this.tokens.token();
    const response = await attempt(token);
    if (response.status !== 401 || this.tokens.invalidate === undefined) return response;
    await response.text().catch(() => '');
    this.tokens.invalidate(token);
    return attempt(await this.tokens.token());
  }
}
