import { randomBytes } from 'node:crypto';
import { ConfigError } from '@oioo/config';
import { connectionOptions, type ReadFile } from './connection-options';
import { loadTemporalConfig } from './temporal-config';

const base = { TEMPORAL_CODEC_KEYS: `dev-1:${randomBytes(32).toString('base64')}`, TEMPORAL_ADDRESS: 'temporal.example:7233' };
const fakeFiles: ReadFile = (path) => new TextEncoder().encode(`contents of ${path}`);
const noDisk: ReadFile = (path) => {
  throw new Error(`unexpected read of ${path}`);
};

describe('connectionOptions', () => {
  it('connects in plaintext with local defaults', () => {
    expect(connectionOptions(loadTemporalConfig(base), noDisk)).toEqual({ address: 'temporal.example:7233', tls: false });
  });

  it('turns TLS on when an API key is configured (Temporal Cloud)', () => {
    const options = connectionOptions(loadTemporalConfig({ ...base, TEMPORAL_API_KEY: 'cloud-key' }), noDisk);
    expect(options).toEqual({ address: 'temporal.example:7233', tls: {}, apiKey: 'cloud-key' });
  });

  it('reads the mTLS pair and CA, and overrides the server name', () => {
    const config = loadTemporalConfig({
      ...base,
      TEMPORAL_TLS_CERT_PATH: '/certs/client.pem',
      TEMPORAL_TLS_KEY_PATH: '/certs/client.key',
      TEMPORAL_TLS_CA_PATH: '/certs/ca.pem',
      TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal',
    });
    const { tls } = connectionOptions(config, fakeFiles);
    const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
    expect(tls && text(tls.clientCertPair?.crt)).toBe('contents of /certs/client.pem');
    expect(tls && text(tls.clientCertPair?.key)).toBe('contents of /certs/client.key');
    expect(tls && text(tls.serverRootCACertificate)).toBe('contents of /certs/ca.pem');
    expect(tls && tls.serverNameOverride).toBe('frontend.temporal');
  });

  it('names the variable whose file cannot be read', () => {
    const config = loadTemporalConfig({ ...base, TEMPORAL_TLS: 'true', TEMPORAL_TLS_CA_PATH: '/nowhere/ca.pem' });
    expect(() => connectionOptions(config)).toThrow(ConfigError);
    expect(() => connectionOptions(config)).toThrow(/TEMPORAL_TLS_CA_PATH: cannot read \/nowhere\/ca\.pem \(ENOENT\)/);
  });
});
