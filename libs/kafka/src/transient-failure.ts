/** Socket and resolver codes of a dependency that could not be reached (Node.js, undici). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** PostgreSQL SQLSTATEs of a server that is restarting, unreachable or out of connections. */
const DATABASE_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);

/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED, as Temporal's client reports a server it cannot reach. */
const GRPC_UNAVAILABLE_CODES = new Set([14, 4]);

/** HTTP statuses of a service that is down or restarting behind its address. */
const HTTP_UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** The deepest a cause chain is followed: errors wrap a few times at most. */
const MAX_CAUSE_DEPTH = 6;

/**
 * True when a handler failed because a dependency it calls (Temporal, a database, the broker, another
 * service's HTTP API) could not be reached, rather than because of the event: such a failure ends when the
 * dependency comes back, so the event is worth retrying for as long as an outage lasts. Looks at the error and
 * its causes; an error of any other shape is not transient.
 */
export function isTransientFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Object; depth += 1) {
    if (looksUnavailable(current as Record<string, unknown>)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function looksUnavailable(error: Record<string, unknown>): boolean {
  const { code, status, statusCode, name, message, retriable } = error;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || DATABASE_UNAVAILABLE_CODES.has(code))) return true;
  if (typeof code === 'number' && GRPC_UNAVAILABLE_CODES.has(code)) return true;
  if ((typeof status === 'number' && HTTP_UNAVAILABLE_STATUSES.has(status)) || (typeof statusCode === 'number' && HTTP_UNAVAILABLE_STATUSES.has(statusCode))) return true;
  // undici's fetch reports every connection failure as this TypeError, the socket error as its cause.
  if (name === 'TypeError' && message === 'fetch failed') return true;
  // kafkajs marks the broker errors that a retry can clear.
  return typeof name === 'string' && name.startsWith('KafkaJS') && retriable === true;
}
