import { isTransientFailure } from './transient-failure';

/** An error as Node.js or a client library raises it: a message and a few own fields. */
function failure(message: string, fields: Record<string, unknown> = {}, name = 'Error'): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, fields);
}

describe('isTransientFailure', () => {
  it.each([
    ['undici fetch to a service that is down', failure('fetch failed', { cause: failure('connect ECONNREFUSED 127.0.0.1:3001', { code: 'ECONNREFUSED' }) }, 'TypeError')],
    ['a connection reset, wrapped by a client', failure('request to the vault failed', { cause: failure('socket hang up', { code: 'ECONNRESET' }) })],
    ['Temporal unavailable (gRPC 14)', failure('Failed to connect before the deadline', { cause: failure('14 UNAVAILABLE: No connection established', { code: 14 }) }, 'ServiceError')],
    ['a gRPC deadline', failure('4 DEADLINE_EXCEEDED', { code: 4 })],
    ['a service answering 503 while it restarts', failure('vault answered 503', { status: 503 })],
    ['PostgreSQL shutting down', failure('terminating connection due to administrator command', { code: '57P01' })],
    ['a retriable broker error', failure('There is no leader for this topic-partition', { retriable: true }, 'KafkaJSProtocolError')],
  ])('%s is transient', (_what, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a plain error', new Error('identity register unavailable')],
    ['a type error of the handler', new TypeError('Cannot read properties of undefined')],
    ['a refused request (HTTP 400)', failure('bad request', { status: 400 })],
    ['a unique-key violation', failure('duplicate key value violates unique constraint', { code: '23505' })],
    ['a broker error no retry clears', failure('Message too large', { retriable: false }, 'KafkaJSProtocolError')],
    ['a thrown string', 'boom'],
    ['nothing', undefined],
  ])('%s is not transient', (_what, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });

  it('follows a cause chain a few levels deep, and no further than it must', () => {
    const deep = failure('outer', { cause: failure('middle', { cause: failure('inner', { cause: failure('socket', { code: 'ETIMEDOUT' }) }) }) });
    expect(isTransientFailure(deep)).toBe(true);
    const cyclic = failure('loop');
    Object.assign(cyclic, { cause: cyclic });
    expect(isTransientFailure(cyclic)).toBe(false);
  });
});
