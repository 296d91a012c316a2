import { StackError, exitWith } from '../stack/console-progress';
import { isHttpHealthy } from '../stack/ports';
import { parseOptions, profileNamed } from './command-options';
import { CASEWORK_AUDIENCE, CLI_CLIENT_ID, CLI_REDIRECT_URI, PERSON_SCOPE } from './oidc-contract';
import { oidcDiscoveryUrl, oidcIssuerUrl } from './oidc-stack';
import { LoginRefusedError, loginWithPkce } from './pkce-login';
import { LOCAL_PASSWORD, SEEDED_PEOPLE } from './seeded-people';

const USAGE = `Usage: npm run -s token -- <username> [--profile dev|test] [--password <password>]

Signs <username> in at the running stack's local OpenID Connect provider (authorization code + PKCE,
through its login page, as the casework-cli client) and prints only the access token, so that
  TOKEN=$(npm run -s token -- alice)
works. People: ${SEEDED_PEOPLE.map((person) => person.username).join(', ')}; password ${LOCAL_PASSWORD}.
  --profile    dev (npm start, the default) or test (npm test)
  --password   the password to sign in with (default: the local one)`;

/** `npm run token`: a real sign-in from the command line; stdout carries the access token and nothing else. */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const { options, positional } = parseOptions(args, ['profile', 'password'], USAGE);
  const [username, ...extra] = positional;
  if (!username || extra.length > 0) throw new StackError('Give exactly one username.', USAGE);
  const profile = profileNamed(options.get('profile'));
  const issuer = oidcIssuerUrl(profile);
  if (!(await isHttpHealthy(oidcDiscoveryUrl(profile)))) {
    throw new StackError(`No OpenID Connect provider answers at ${issuer}.`, profile.name === 'dev' ? 'Start the stack first: npm start' : 'The test stack runs only while npm test does.');
  }
  try {
    const tokens = await loginWithPkce({
      issuer,
      clientId: CLI_CLIENT_ID,
      redirectUri: CLI_REDIRECT_URI,
      username,
      password: options.get('password') ?? LOCAL_PASSWORD,
      resource: CASEWORK_AUDIENCE,
      scope: PERSON_SCOPE,
    });
    process.stdout.write(`${tokens.accessToken}\n`);
    return 0;
  } catch (error) {
    if (error instanceof LoginRefusedError) {
      throw new StackError(error.message, `Known people: ${SEEDED_PEOPLE.map((person) => person.username).join(', ')}; the password is ${LOCAL_PASSWORD}. The provider's log is ${profile.logDir}/oidc.log.`);
    }
    throw error;
  }
}

exitWith(main);
