import { newKafkaClusterId } from './kafka-broker';

describe('KRaft cluster ids', () => {
  it('are 16 bytes in base64url and never start with "-", which the storage tool would read as an option', () => {
    const ids = Array.from({ length: 2_000 }, () => newKafkaClusterId());
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
