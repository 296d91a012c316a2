import { type ClientMetadata, type Configuration, type KoaContextWithOIDC, errors } from 'oidc-provider';
import { PAGE_CSP, messagePage } from './login-page';
import { CASEWORK_AUDIENCE, CASEWORK_SCOPE, PERSON_CLIENT_IDS, SERVICES_AUDIENCE, SERVICES_SCOPE, isServiceClientId } from './oidc-contract';
import { personBySub } from './seeded-people';
import type { SigningJwk } from './signing-keys';

/** What the provider's configuration is made from. */
export interface ProviderInputs {
  clients: ClientMetadata[];
  signingKeys: SigningJwk[];
  cookieKeys: string[];
  accessTokenTtlSeconds: number;
}

const personClients: readonly string[] = PERSON_CLIENT_IDS;

/** The audience a client may ask for: people's clients the casework API, service clients the services. */
function audienceOf(clientId: string): string | undefined {
  if (personClients.includes(clientId)) return CASEWORK_AUDIENCE;
  if (isServiceClientId(clientId)) return SERVICES_AUDIENCE;
  return undefined;
}

/** Renders a page of the provider with the HTML type and no script. */
function render(ctx: KoaContextWithOIDC, html: string): void {
  ctx.type = 'html';
  ctx.set('content-security-policy', PAGE_CSP);
  ctx.body = html;
}

/**
 * The oidc-provider configuration. Everything not needed is off, so nothing unexpected is on offer:
 * only the `code` response type (no `none`, no implicit), only the authorization code grant (with PKCE,
 * for public clients) and client_credentials, no refresh tokens (no `offline_access` scope), RS256 only,
 * and access tokens are always JWTs for one of the two audiences.
 */
export function providerConfiguration(inputs: ProviderInputs): Configuration {
  const ttl = inputs.accessTokenTtlSeconds;
  return {
    clients: inputs.clients,
    jwks: { keys: inputs.signingKeys },
    cookies: { keys: inputs.cookieKeys },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name', 'roles', 'team'] },
    // The ID token of a code flow carries the profile too, so a client need not call userinfo for the name.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'client_secret_basic'],
    pkce: { required: () => true },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'], userinfoSigningAlgValues: ['RS256'], clientAuthSigningAlgValues: ['RS256'] },
    features: {
      // It signs anyone in under any name without a password: the login page below replaces it.
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // Plain bearer tokens: the casework API and the services do not check proof-of-possession.
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) =>
          render(ctx, messagePage('Sign out', ['Sign out of the local provider?'], `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`)),
        postLogoutSuccessSource: (ctx) => render(ctx, messagePage('Signed out', ['You have signed out of the local provider.'])),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, client) => audienceOf(client.clientId),
        // A code exchange without `resource` still gets the audience the sign-in was for (not a userinfo token).
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator, client) => {
          if (resourceIndicator !== audienceOf(client.clientId)) throw new errors.InvalidTarget(`${client.clientId} may not ask for ${resourceIndicator}`);
          return {
            scope: resourceIndicator === CASEWORK_AUDIENCE ? CASEWORK_SCOPE : SERVICES_SCOPE,
            audience: resourceIndicator,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    findAccount: (_ctx, sub) => {
      const person = personBySub(sub);
      if (!person) return undefined;
      return { accountId: person.sub, claims: () => ({ sub: person.sub, name: person.name, roles: [...person.roles], ...(person.team ? { team: person.team } : {}) }) };
    },
    // People's access tokens say who acts and in which roles, so the casework API needs no user store.
    extraTokenClaims: (_ctx, token) => {
      const person = 'accountId' in token && token.accountId ? personBySub(token.accountId) : undefined;
      if (!person) return undefined;
      return { name: person.name, roles: [...person.roles], ...(person.team ? { team: person.team } : {}) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin, client) => client.clientAuthMethod === 'none' && (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    renderError: (ctx, out) => render(ctx, messagePage('Sign-in failed', [out.error_description ?? out.error, `(${out.error})`])),
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: ttl,
      AuthorizationCode: 60,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
  };
}
