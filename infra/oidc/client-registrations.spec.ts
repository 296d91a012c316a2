import { clientRegistrations } from './client-registrations';
import { CLI_CLIENT_ID, CONSOLE_CLIENT_ID, SERVICE_CLIENT_IDS, TEMPORAL_UI_CLIENT_ID } from './oidc-contract';

const secrets = Object.fromEntries(SERVICE_CLIENT_IDS.map((clientId) => [clientId, `secret-of-${clientId}`]));
const inputs = { consoleRedirectUris: ['http://127.0.0.1:3104/auth/callback'], consolePostLogoutRedirectUris: ['http://127.0.0.1:3104/'], temporalUiRedirectUris: ['http://127.0.0.1:8233/auth/callback'], serviceSecrets: secrets };

describe('the provider clients', () => {
  const clients = clientRegistrations(inputs);
  const byId = (clientId: string) => clients.find((client) => client.client_id === clientId);

  it("people's clients are public and get only the authorization code grant, on their registered redirects", () => {
    expect(byId(CONSOLE_CLIENT_ID)).toMatchObject({
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1:3104/auth/callback'],
    });
    expect(byId(CLI_CLIENT_ID)).toMatchObject({ application_type: 'native', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], redirect_uris: ['http://127.0.0.1/callback'] });
    expect(byId(TEMPORAL_UI_CLIENT_ID)).toMatchObject({ application_type: 'web', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], redirect_uris: ['http://127.0.0.1:8233/auth/callback'] });
    expect(byId(CONSOLE_CLIENT_ID)?.client_secret).toBeUndefined();
    expect(byId(TEMPORAL_UI_CLIENT_ID)?.client_secret).toBeUndefined();
  });

  it('service clients get only client_credentials, with their secret and no redirect', () => {
    for (const clientId of SERVICE_CLIENT_IDS) {
      expect(byId(clientId)).toMatchObject({ client_secret: `secret-of-${clientId}`, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
    }
    expect(clients).toHaveLength(3 + SERVICE_CLIENT_IDS.length);
  });

  it('refuses to register a service client without a secret', () => {
    expect(() => clientRegistrations({ ...inputs, serviceSecrets: { 'svc-worker': 'x' } })).toThrow(/no secret for service client svc-identity/);
  });
});
