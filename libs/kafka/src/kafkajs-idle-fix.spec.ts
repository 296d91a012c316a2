import { createRequire } from 'node:module';
import { KAFKAJS_VERSION_FIXED, fixKafkaJsIdleLoop } from './kafkajs-idle-fix';

const load = createRequire(__filename);

interface QueueUnderTest {
  pending: { send(): void; expectResponse: boolean; correlationId: number }[];
  throttledUntil: number;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}

/** A real kafkajs request queue (one broker connection's), not connected to anything, counting its checks. */
function requestQueue(): { queue: QueueUnderTest; checks: () => number } {
  const RequestQueue = load('kafkajs/src/network/requestQueue') as new (options: Record<string, unknown>) => QueueUnderTest;
  const { createLogger, LEVELS } = load('kafkajs/src/loggers') as { createLogger(options: Record<string, unknown>): unknown; LEVELS: Record<string, number> };
  const logger = createLogger({ level: LEVELS['NOTHING'], logCreator: () => () => undefined });
  const queue = new RequestQueue({ instrumentationEmitter: null, maxInFlightRequests: null, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'spec', broker: 'spec:9092', logger, isConnected: () => true });
  let checks = 0;
  const check = queue.checkPendingRequests.bind(queue);
  queue.checkPendingRequests = () => {
    checks += 1;
    check();
  };
  return { queue, checks: () => checks };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the fix of kafkajs idle request-queue loop', () => {
  beforeAll(() => fixKafkaJsIdleLoop());

  it('is written against the installed kafkajs (an upgrade must check whether it still needs it)', () => {
    expect((load('kafkajs/package.json') as { version: string }).version).toBe(KAFKAJS_VERSION_FIXED);
  });

  it('an idle connection checks its pending requests once and then sleeps (kafkajs alone checked about every millisecond)', async () => {
    const { queue, checks } = requestQueue();
    queue.checkPendingRequests();
    await wait(100);
    queue.destroy();
    expect(checks()).toBe(1);
  });

  it('a request held back by a broker throttle is still sent when the throttle ends', async () => {
    const { queue } = requestQueue();
    const send = jest.fn();
    queue.throttledUntil = Date.now() + 40;
    queue.pending.push({ send, expectResponse: true, correlationId: 1 });
    queue.scheduleCheckPendingRequests();
    expect(send).not.toHaveBeenCalled();
    await wait(120);
    queue.destroy();
    expect(send).toHaveBeenCalledTimes(1);
    expect(queue.pending).toHaveLength(0);
  });
});
