import { IssuerKeys, type PersonCaller, TokenVerifier, loadAuthConfig, personFromClaims } from '@oioo/auth';
import { CASEWORK_AUDIENCE, CLI_CLIENT_ID, CLI_REDIRECT_URI, PERSON_SCOPE } from '../oidc/oidc-contract';
import { LOCAL_PASSWORD } from '../oidc/seeded-people';
import { LoginRefusedError, loginWithPkce } from '../oidc/pkce-login';

/** The operations command refused to act: who is missing or not allowed, and what to do. */
export class OpsRefusedError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'OpsRefusedError';
  }
}

/** The person the command acts as, verified: the token it acts with and the person it names. */
export interface OpsCaller {
  token: string;
  person: PersonCaller;
}

/**
 * The token the command acts with: `OPS_ACCESS_TOKEN` as given (production: from the IdP), or, on the local
 * stack, a sign-in of `--as <person>` at the local provider (authorization code with PKCE, as `npm run token`).
 */
export async function obtainToken(env: NodeJS.ProcessEnv, as: string | undefined): Promise<string> {
  const given = env['OPS_ACCESS_TOKEN']?.trim();
  if (given && as) throw new OpsRefusedError('Both OPS_ACCESS_TOKEN and --as are given.', 'Use one: the token from your IdP, or --as <person> on the local stack.');
  if (given) return given;
  if (!as) throw new OpsRefusedError('No SRE is signed in.', 'Set OPS_ACCESS_TOKEN to an access token from the IdP, or on the local stack add --as sam.');
  const issuer = env['OIDC_ISSUER_URL'];
  if (!issuer) throw new OpsRefusedError('OIDC_ISSUER_URL is not set, so there is no provider to sign in at.', 'Run against a local stack (npm start) or set OIDC_ISSUER_URL.');
  try {
    const tokens = await loginWithPkce({ issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username: as, password: LOCAL_PASSWORD, resource: CASEWORK_AUDIENCE, scope: PERSON_SCOPE });
    return tokens.accessToken;
  } catch (error) {
    if (error instanceof LoginRefusedError) throw new OpsRefusedError(`The provider refused to sign ${as} in: ${error.message}.`, 'On the local stack the seeded SRE is sam (infra/oidc/seeded-people.ts).');
    throw new OpsRefusedError(`No OpenID Connect provider answers at ${issuer} (${(error as Error).message}).`, 'Start the stack first (npm start), or use --profile test while npm test runs.');
  }
}

/**
 * Verifies the token against the issuer's JWKS (libs/auth, as the services do) and requires `role`: `sre` for
 * every verb but subject-access, which is an auditor's (the casework API admits auditors only to it).
 */
export async function verifyCaller(env: NodeJS.ProcessEnv, token: string, role: 'sre' | 'auditor' = 'sre'): Promise<OpsCaller> {
  const config = loadAuthConfig(env, 'ops');
  const verifier = new TokenVerifier(new IssuerKeys(config.issuer), config.peopleAudience, config);
  let claims;
  try {
    claims = await verifier.verify(token);
  } catch (error) {
    throw new OpsRefusedError(`The access token was not accepted (${(error as Error).message}).`, 'Get a fresh token for audience urn:oioo:casework from the IdP (or use --as on the local stack).');
  }
  const person = personFromClaims(claims, config);
  if (role === 'auditor' && !person.roles.includes('auditor')) {
    throw new OpsRefusedError(
      `${person.name} is not an auditor (roles: ${person.roles.join(', ') || 'none'}).`,
      'A subject-access request is an auditor\'s act (the data-protection function): sign in as one (--as audrey on the local stack) or use an auditor\'s OPS_ACCESS_TOKEN.',
    );
  }
  if (role === 'sre' && !person.roles.includes('sre')) {
    throw new OpsRefusedError(`${person.name} is not an SRE (roles: ${person.roles.join(', ') || 'none'}).`, 'The operations command is for the sre role only; ask for it at the IdP.');
  }
  return { token, person };
}
