import { CASEWORK_AUDIENCE, CLI_CLIENT_ID, CLI_REDIRECT_URI, LOCAL_PASSWORD, PERSON_SCOPE, loginWithPkce, personByUsername } from '@oioo/local-oidc';
import { stackEnv } from './stack';

/** A seeded person's access token, signed in the way a person signs in: authorization code with PKCE at the stack's real provider. */
export async function signIn(username: string): Promise<string> {
  if (!personByUsername(username)) throw new Error(`${username} is not one of the seeded people (infra/oidc/seeded-people.ts)`);
  const issuer = stackEnv()['OIDC_ISSUER_URL'];
  if (!issuer) throw new Error('OIDC_ISSUER_URL is not set: run the tests through `npm test`, which starts the provider');
  const tokens = await loginWithPkce({ issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username, password: LOCAL_PASSWORD, resource: CASEWORK_AUDIENCE, scope: PERSON_SCOPE });
  return tokens.accessToken;
}

/** Signs each person in once per test file and reuses the session's token, as a browser session would. */
export class Sessions {
  private readonly tokens = new Map<string, Promise<string>>();

  /** A new sign-in of the same person: another session, another token. */
  fresh(username: string): Promise<string> {
    return signIn(username);
  }

  /** The person's current session token. */
  tokenOf(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = signIn(username);
      this.tokens.set(username, token);
    }
    return token;
  }
}
