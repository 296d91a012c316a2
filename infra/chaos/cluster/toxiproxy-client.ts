/** A proxy as the Toxiproxy API describes it. */
export interface ToxiproxyProxy {
  name: string;
  /** `host:port` the proxy listens on. */
  listen: string;
  /** `host:port` it forwards to. */
  upstream: string;
  enabled: boolean;
}

/** The toxics this harness uses: added latency, connections reset by the peer, and their parameters. */
export type ToxicSpec =
  | { type: 'latency'; attributes: { latency: number; jitter: number } }
  | { type: 'reset_peer'; attributes: { timeout: number } };

/** A toxic on one direction of a proxy: `downstream` (upstream → client) or `upstream` (client → upstream). */
export interface ToxicRequest {
  name: string;
  stream: 'upstream' | 'downstream';
  /** Share of connections affected, 0 to 1. */
  toxicity: number;
  toxic: ToxicSpec;
}

/** Thrown when the Toxiproxy API refuses a request; names the method, path and status, never a body. */
export class ToxiproxyError extends Error {
  constructor(method: string, path: string, status: number) {
    super(`Toxiproxy ${method} ${path} answered ${status}`);
    this.name = 'ToxiproxyError';
  }
}

/** A small client of Toxiproxy's HTTP API (https://github.com/Shopify/toxiproxy#http-api), on fetch. */
export class ToxiproxyClient {
  constructor(private readonly apiUrl: string) {}

  /** Creates a proxy listening on `listen` and forwarding to `upstream`, enabled. */
  async createProxy(name: string, listen: string, upstream: string): Promise<ToxiproxyProxy> {
    return this.request<ToxiproxyProxy>('POST', '/proxies', { name, listen, upstream, enabled: true });
  }

  /** Every proxy, by name. */
  async proxies(): Promise<Record<string, ToxiproxyProxy>> {
    return this.request<Record<string, ToxiproxyProxy>>('GET', '/proxies');
  }

  /** Enables or disables a proxy; disabling closes its open connections and refuses new ones (a partition). */
  async setEnabled(name: string, enabled: boolean): Promise<void> {
    await this.request('POST', `/proxies/${encodeURIComponent(name)}`, { enabled });
  }

  /** Adds a toxic to a proxy. */
  async addToxic(proxy: string, toxic: ToxicRequest): Promise<void> {
    await this.request('POST', `/proxies/${encodeURIComponent(proxy)}/toxics`, {
      name: toxic.name,
      type: toxic.toxic.type,
      stream: toxic.stream,
      toxicity: toxic.toxicity,
      attributes: toxic.toxic.attributes,
    });
  }

  /** Removes a toxic from a proxy; one already gone is not an error, so healing twice is harmless. */
  async removeToxic(proxy: string, toxic: string): Promise<void> {
    await this.request('DELETE', `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(toxic)}`, undefined, [404]);
  }

  /** Enables every proxy and removes every toxic. */
  async reset(): Promise<void> {
    await this.request('POST', '/reset');
  }

  private async request<T>(method: string, path: string, body?: unknown, tolerated: number[] = []): Promise<T> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok && !tolerated.includes(response.status)) throw new ToxiproxyError(method, path, response.status);
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
