import { CASEWORK_AUDIENCE, CLI_CLIENT_ID, CLI_REDIRECT_URI, LOCAL_PASSWORD, PERSON_SCOPE, loginWithPkce } from '../../oidc';

/** Signs a seeded person in at the local provider the way a person does (authorization code with PKCE) and returns their casework API token. */
export function localPersonSignIn(issuer: string): (username: string) => Promise<string> {
  return async (username) =>
    (await loginWithPkce({ issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username, password: LOCAL_PASSWORD, resource: CASEWORK_AUDIENCE, scope: PERSON_SCOPE })).accessToken;
}
