import { createLogger } from '@oioo/config';
import { type LogEntry, logLevel } from 'kafkajs';
import { resetExpectedKafkaJsErrors, writeKafkaJsLog } from './kafkajs-log';

/** Writes kafkajs entries through our logger and returns the JSON lines they produced. */
function logged(...entries: [logLevel, Record<string, unknown>][]): Record<string, unknown>[] {
  const lines: string[] = [];
  const logger = createLogger('kafka', {}, (line) => lines.push(line));
  for (const [level, log] of entries) {
    const entry = { namespace: 'Connection', level, label: 'ERROR', log: { timestamp: '', message: 'Response GroupCoordinator(key: 10, version: 2)', ...log } } as LogEntry;
    writeKafkaJsLog(logger, entry);
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('kafkajs log entries in our logger', () => {
  beforeEach(() => resetExpectedKafkaJsErrors());

  it('a coordinator not yet available, which kafkajs retries by itself, is said once, at info, as expected', () => {
    const coordinator = { broker: '127.0.0.1:9092', error: 'The group coordinator is not available' };
    const lines = logged([logLevel.ERROR, coordinator], [logLevel.ERROR, coordinator], [logLevel.ERROR, coordinator]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', component: 'kafka', kafkaNamespace: 'Connection', broker: '127.0.0.1:9092', error: 'The group coordinator is not available', expected: true });
    expect(lines[0]?.['message']).toMatch(/Expected while .* starting; kafkajs retries by itself, and this is said once/);
  });

  it('a fresh topic without a leader yet is expected too, and said apart from the coordinator', () => {
    const lines = logged(
      [logLevel.ERROR, { error: 'There is no leader for this topic-partition as we are in the middle of a leadership election' }],
      [logLevel.ERROR, { error: 'The group coordinator is not available' }],
      [logLevel.ERROR, { error: 'There is no leader for this topic-partition as we are in the middle of a leadership election' }],
    );
    expect(lines.map((line) => [line['level'], line['error']])).toEqual([
      ['info', 'There is no leader for this topic-partition as we are in the middle of a leadership election'],
      ['info', 'The group coordinator is not available'],
    ]);
  });

  it('a consumer crash on a coordinator still loading, and the restart after it, are said once at info; a second one is not said again', () => {
    const crash = { message: "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group", groupId: 'identity' };
    const restart = { message: 'Restarting the consumer in 300ms', groupId: 'identity', retryTime: 300 };
    const lines = logged([logLevel.ERROR, crash], [logLevel.ERROR, restart], [logLevel.ERROR, crash], [logLevel.ERROR, restart]);
    expect(lines.map((line) => line['level'])).toEqual(['info', 'info']);
    expect(lines[0]?.['message']).toMatch(/^Crash: KafkaJSProtocolError: The coordinator is loading .*\. Expected while/);
    expect(lines[1]).toMatchObject({ message: 'Restarting the consumer in 300ms, after the expected error above', groupId: 'identity', expected: true });
  });

  it('a restart after an unexpected crash stays an error, as the crash does', () => {
    const lines = logged([logLevel.ERROR, { message: 'Crash: KafkaJSNonRetriableError: something else' }], [logLevel.ERROR, { message: 'Restarting the consumer in 300ms' }]);
    expect(lines.map((line) => line['level'])).toEqual(['error', 'error']);
  });

  it('any other error stays an error, every time, with its technical fields only', () => {
    const lines = logged(
      [logLevel.ERROR, { broker: '127.0.0.1:9092', error: new Error('Connection timeout'), stack: 'at …', payload: 'secret' }],
      [logLevel.ERROR, { broker: '127.0.0.1:9092', error: new Error('Connection timeout') }],
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'error', broker: '127.0.0.1:9092', error: 'Connection timeout' });
    expect(lines[0]).not.toHaveProperty('stack');
    expect(lines[0]).not.toHaveProperty('payload');
  });

  it('kafkajs warnings stay warnings', () => {
    expect(logged([logLevel.WARN, { error: 'something unusual' }])[0]).toMatchObject({ level: 'warn' });
  });
});
