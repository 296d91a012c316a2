/** The issuer's discovery document could not be read, or is not that issuer's; the message says which. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

/**
 * Reads an issuer's `.well-known/openid-configuration` and checks it names that issuer (OIDC Discovery
 * 1.0 §4.3: a document naming another issuer is not this issuer's, and its endpoints are not to be trusted
 * with a token or a secret). The caller picks the endpoint it needs.
 */
export async function readDiscoveryDocument(issuer: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let document: unknown;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    document = await response.json();
  } catch (error) {
    throw new DiscoveryError(`the identity provider's discovery document at ${url} could not be read: ${messageOf(error)}`);
  }
  if (typeof document !== 'object' || document === null) throw new DiscoveryError(`the discovery document at ${url} is not a JSON object`);
  const named = (document as { issuer?: unknown }).issuer;
  if (named !== issuer) throw new DiscoveryError(`the discovery document at ${url} names issuer ${String(named)}, not ${issuer}`);
  return document as Record<string, unknown>;
}

/** An error's message with its cause: fetch's TypeError says only "fetch failed"; the cause says why (ECONNREFUSED, a timeout). */
export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
