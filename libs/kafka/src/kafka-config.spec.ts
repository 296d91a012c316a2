import { ConfigError } from '@oioo/config';
import { loadKafkaConfig } from './kafka-config';

describe('loadKafkaConfig', () => {
  it('uses local defaults when nothing is set', () => {
    expect(loadKafkaConfig({})).toEqual({
      brokers: ['127.0.0.1:9092'],
      ssl: false,
      consumer: { maxAttempts: 5, retryBackoffMs: 200, outageRetryMs: 600_000 },
    });
  });

  it('reads a production cluster with TLS and SASL', () => {
    const config = loadKafkaConfig({
      KAFKA_BROKERS: 'b-1.kafka.internal:9096, b-2.kafka.internal:9096',
      KAFKA_CLIENT_ID: 'identity-7f9c',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'identity',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_CONSUMER_MAX_ATTEMPTS: '8',
      KAFKA_CONSUMER_RETRY_BACKOFF_MS: '50',
      KAFKA_CONSUMER_OUTAGE_RETRY_MS: '90000',
    });
    expect(config).toEqual({
      brokers: ['b-1.kafka.internal:9096', 'b-2.kafka.internal:9096'],
      clientId: 'identity-7f9c',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'identity', password: 'secret' },
      consumer: { maxAttempts: 8, retryBackoffMs: 50, outageRetryMs: 90_000 },
    });
  });

  it('treats empty optional variables as unset', () => {
    expect(loadKafkaConfig({ KAFKA_SASL_MECHANISM: '', KAFKA_CLIENT_ID: '' })).not.toHaveProperty('sasl');
  });

  it.each([
    [{ KAFKA_BROKERS: '' }, 'KAFKA_BROKERS'],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS'],
    [{ KAFKA_SSL: 'yes' }, 'KAFKA_SSL'],
    [{ KAFKA_SASL_MECHANISM: 'gssapi' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_CONSUMER_MAX_ATTEMPTS: '0' }, 'KAFKA_CONSUMER_MAX_ATTEMPTS'],
    [{ KAFKA_CONSUMER_RETRY_BACKOFF_MS: 'soon' }, 'KAFKA_CONSUMER_RETRY_BACKOFF_MS'],
  ])('fails naming the bad variable for %p', (env, variable) => {
    expect(() => loadKafkaConfig(env)).toThrow(ConfigError);
    expect(() => loadKafkaConfig(env)).toThrow(new RegExp(`- ${variable}:`));
  });

  it('requires SASL credentials when a mechanism is set, naming each missing variable', () => {
    try {
      loadKafkaConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'identity' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        { variable: 'KAFKA_SASL_PASSWORD', problem: 'is required when KAFKA_SASL_MECHANISM is plain' },
      ]);
    }
  });

  it('never puts a secret in the error message', () => {
    expect(() => loadKafkaConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'hunter2', KAFKA_SSL: 'maybe' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
