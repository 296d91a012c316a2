import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { stackEnv } from '../support/stack';

const ROOT = resolve(__dirname, '..', '..');

/** Starts a service's real entry point with the given environment and waits for it to give up. */
function startService(entry: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['-r', join(ROOT, 'infra', 'scripts', 'register.cjs'), join(ROOT, entry)], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('service start-up with a bad environment', () => {
  it('a malformed HTTP_PORT stops the service with a message naming the variable', () => {
    const run = startService('services/transport/src/main.ts', { ...stackEnv(), HTTP_PORT: 'eighty' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/transport: failed to start: transport: invalid configuration:\n\s+- HTTP_PORT:/);
  });

  it('a missing payload-encryption key ring stops the service naming TEMPORAL_CODEC_KEYS, before it touches Kafka or Temporal', () => {
    const env: NodeJS.ProcessEnv = { ...stackEnv(), HTTP_PORT: '39999' };
    delete env['TEMPORAL_CODEC_KEYS'];
    const run = startService('services/legal-review/src/main.ts', env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/legal-review: failed to start: .*temporal: invalid configuration:\n\s+- TEMPORAL_CODEC_KEYS: is required/s);
  });

  it('a malformed KAFKA_BROKERS stops the service naming the variable', () => {
    const run = startService('services/identity/src/main.ts', { ...stackEnv(), HTTP_PORT: '39999', KAFKA_BROKERS: 'not a broker' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/KAFKA_BROKERS: each broker must read host:port/);
  });
});
