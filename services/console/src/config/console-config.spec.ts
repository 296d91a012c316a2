import { callbackUrl, loadConsoleConfig, signedOutUrl } from './console-config';

const required = { CASEWORK_API_URL: 'http://127.0.0.1:3104/', OIDC_ISSUER_URL: 'http://127.0.0.1:3100', CONSOLE_SESSION_SECRET: 'x'.repeat(32) };

describe('console configuration', () => {
  it('defaults to port 3105 on loopback, the casework audience and a public URL from where it listens', () => {
    const config = loadConsoleConfig(required);
    expect(config).toMatchObject({ port: 3105, host: '127.0.0.1', clientId: 'casework-console', audience: 'urn:oioo:casework', caseworkApiUrl: 'http://127.0.0.1:3104', sessionIdleMinutes: 30 });
    expect(callbackUrl(config)).toBe('http://127.0.0.1:3105/auth/callback');
    expect(signedOutUrl(config)).toBe('http://127.0.0.1:3105/signed-out');
  });

  it('takes the public URL people reach it at, behind a proxy', () => {
    const config = loadConsoleConfig({ ...required, CONSOLE_PUBLIC_URL: 'https://console.example.gov.uk' });
    expect(callbackUrl(config)).toBe('https://console.example.gov.uk/auth/callback');
  });

  it('stops naming every missing or bad variable', () => {
    expect(() => loadConsoleConfig({ CONSOLE_SESSION_SECRET: 'short' })).toThrow(/CASEWORK_API_URL[\s\S]*OIDC_ISSUER_URL[\s\S]*CONSOLE_SESSION_SECRET/);
  });
});
