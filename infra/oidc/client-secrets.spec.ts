import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSecretFrom, ensureClientSecrets, readClientSecrets } from './client-secrets';
import { SERVICE_CLIENT_IDS } from './oidc-contract';

function clientsFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'oidc-clients-')), 'oidc', 'clients.json');
}

describe('the service clients file', () => {
  it('is made on first use with a distinct secret per service client, readable by this user only', () => {
    const file = clientsFile();
    const secrets = ensureClientSecrets(file);
    expect(Object.keys(secrets).sort()).toEqual([...SERVICE_CLIENT_IDS].sort());
    expect(new Set(Object.values(secrets)).size).toBe(SERVICE_CLIENT_IDS.length);
    for (const secret of Object.values(secrets)) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);
  });

  it('is reused on restart, so a secret handed to a component stays valid', () => {
    const file = clientsFile();
    const first = ensureClientSecrets(file);
    expect(ensureClientSecrets(file)).toEqual(first);
    expect(clientSecretFrom(file, 'svc-worker')).toBe(first['svc-worker']);
  });

  it('keeps existing secrets and adds only the clients it lacks', () => {
    const file = clientsFile();
    ensureClientSecrets(file, ['svc-worker']);
    const worker = clientSecretFrom(file, 'svc-worker');
    const all = ensureClientSecrets(file);
    expect(all['svc-worker']).toBe(worker);
    expect(Object.keys(all)).toHaveLength(SERVICE_CLIENT_IDS.length);
  });

  it('names the client that has no secret, and refuses a malformed file', () => {
    const file = clientsFile();
    ensureClientSecrets(file, ['svc-worker']);
    expect(() => clientSecretFrom(file, 'svc-transport')).toThrow(/no secret for svc-transport/);
    writeFileSync(file, JSON.stringify({ 'svc-worker': 42 }));
    expect(() => readClientSecrets(file)).toThrow(/svc-worker must be a non-empty string/);
    writeFileSync(file, 'not json');
    expect(() => readClientSecrets(file)).toThrow(/not valid JSON/);
  });
});
