import { randomBytes } from 'node:crypto';
import { ConfigError } from '@oioo/config';
import { describeTemporalConfig, loadTemporalConfig } from './temporal-config';

const key = (bytes = 32) => randomBytes(bytes).toString('base64');
const base = { TEMPORAL_CODEC_KEYS: `dev-1:${key()}` };

/** Loads the config and returns the ConfigError's problems, failing the test if it parsed. */
function problemsOf(env: Record<string, string | undefined>): { variable: string; problem: string }[] {
  try {
    loadTemporalConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadTemporalConfig', () => {
  it('applies local defaults when only the codec keys are given', () => {
    const config = loadTemporalConfig(base);
    expect(config.address).toBe('127.0.0.1:7233');
    expect(config.namespace).toBe('default');
    expect(config.tls).toBeUndefined();
    expect(config.apiKey).toBeUndefined();
    expect(config.codec.activeKeyId).toBe('dev-1');
    expect(config.codec.keys.get('dev-1')).toHaveLength(32);
  });

  it('requires TEMPORAL_CODEC_KEYS, naming it, rather than falling back to an insecure default', () => {
    expect(problemsOf({})).toEqual([{ variable: 'TEMPORAL_CODEC_KEYS', problem: expect.stringContaining('is required') }]);
    expect(problemsOf({ TEMPORAL_CODEC_KEYS: '' })[0]?.variable).toBe('TEMPORAL_CODEC_KEYS');
    expect(() => loadTemporalConfig({})).toThrow(/TEMPORAL_CODEC_KEYS/);
  });

  it('rejects a key that is not 32 bytes, without echoing the key', () => {
    const short = key(16);
    const problems = problemsOf({ TEMPORAL_CODEC_KEYS: `old:${key()},new:${short}` });
    expect(problems).toEqual([{ variable: 'TEMPORAL_CODEC_KEYS', problem: 'key "new" must be base64 of exactly 32 bytes' }]);
    expect(JSON.stringify(problems)).not.toContain(short);
  });

  it('rejects malformed entries, bad key ids and duplicate ids', () => {
    expect(problemsOf({ TEMPORAL_CODEC_KEYS: key() })[0]?.problem).toBe('entry 1 is not keyId:base64key');
    expect(problemsOf({ TEMPORAL_CODEC_KEYS: `bad id:${key()}` })[0]?.problem).toMatch(/key id/);
    expect(problemsOf({ TEMPORAL_CODEC_KEYS: `a:${key()},a:${key()}` })[0]?.problem).toBe('key id "a" is listed twice');
    expect(problemsOf({ TEMPORAL_CODEC_KEYS: 'a:not*base64' })[0]?.problem).toMatch(/base64/);
  });

  it('uses the first key as active unless TEMPORAL_CODEC_ACTIVE_KEY picks another from the ring', () => {
    const keys = `k2025:${key()}, k2026:${key()},`;
    expect(loadTemporalConfig({ TEMPORAL_CODEC_KEYS: keys }).codec.activeKeyId).toBe('k2025');
    const config = loadTemporalConfig({ TEMPORAL_CODEC_KEYS: keys, TEMPORAL_CODEC_ACTIVE_KEY: 'k2026' });
    expect(config.codec.activeKeyId).toBe('k2026');
    expect([...config.codec.keys.keys()]).toEqual(['k2025', 'k2026']);
  });

  it('rejects an active key that is not in the ring, naming TEMPORAL_CODEC_ACTIVE_KEY', () => {
    expect(problemsOf({ ...base, TEMPORAL_CODEC_ACTIVE_KEY: 'k9' })).toEqual([
      { variable: 'TEMPORAL_CODEC_ACTIVE_KEY', problem: '"k9" is not a key id in TEMPORAL_CODEC_KEYS' },
    ]);
  });

  it('requires both halves of the mTLS pair', () => {
    expect(problemsOf({ ...base, TEMPORAL_TLS_CERT_PATH: '/certs/client.pem' })).toEqual([
      { variable: 'TEMPORAL_TLS_KEY_PATH', problem: expect.stringContaining('TEMPORAL_TLS_CERT_PATH') },
    ]);
    expect(problemsOf({ ...base, TEMPORAL_TLS_KEY_PATH: '/certs/client.key' })[0]?.variable).toBe('TEMPORAL_TLS_CERT_PATH');
  });

  it('rejects a bad boolean, naming TEMPORAL_TLS', () => {
    expect(problemsOf({ ...base, TEMPORAL_TLS: 'yes' })).toEqual([{ variable: 'TEMPORAL_TLS', problem: 'must be true, false, 1 or 0' }]);
  });

  it('reports every bad variable at once', () => {
    const variables = problemsOf({ TEMPORAL_TLS: 'maybe' }).map(({ variable }) => variable);
    expect(variables).toEqual(expect.arrayContaining(['TEMPORAL_TLS', 'TEMPORAL_CODEC_KEYS']));
  });

  it('turns TLS on for an API key, mTLS files or a server name, and treats empty strings as unset', () => {
    expect(loadTemporalConfig({ ...base, TEMPORAL_API_KEY: 'secret' }).tls).toBeDefined();
    expect(loadTemporalConfig({ ...base, TEMPORAL_TLS: 'true' }).tls).toEqual({ clientCertPair: undefined, caPath: undefined, serverName: undefined });
    const mtls = loadTemporalConfig({ ...base, TEMPORAL_TLS_CERT_PATH: '/c.pem', TEMPORAL_TLS_KEY_PATH: '/k.pem', TEMPORAL_TLS_SERVER_NAME: 'frontend' });
    expect(mtls.tls).toEqual({ clientCertPair: { certPath: '/c.pem', keyPath: '/k.pem' }, caPath: undefined, serverName: 'frontend' });
    expect(loadTemporalConfig({ ...base, TEMPORAL_TLS: '', TEMPORAL_API_KEY: '', TEMPORAL_TLS_CA_PATH: '' }).tls).toBeUndefined();
  });

  it('rejects TEMPORAL_TLS=false next to an API key', () => {
    expect(problemsOf({ ...base, TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'secret' })).toEqual([
      { variable: 'TEMPORAL_TLS', problem: 'is false but TEMPORAL_API_KEY requires TLS' },
    ]);
  });
});

describe('describeTemporalConfig', () => {
  it('summarises for logs without the API key or key material', () => {
    const secretKey = key();
    const config = loadTemporalConfig({ TEMPORAL_CODEC_KEYS: `dev-1:${secretKey}`, TEMPORAL_API_KEY: 'api-secret' });
    const logged = JSON.stringify(describeTemporalConfig(config));
    expect(logged).toContain('dev-1');
    expect(logged).not.toContain('api-secret');
    expect(logged).not.toContain(secretKey);
  });
});
