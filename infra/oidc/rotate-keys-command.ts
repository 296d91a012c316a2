import { exitWith, say } from '../stack/console-progress';
import { isPortOpen } from '../stack/ports';
import { parseOptions, profileNamed } from './command-options';
import { oidcDataDir } from './oidc-stack';
import { RETAINED_SIGNING_KEYS, rotateSigningKeys, signingKeysFile } from './signing-keys';

const USAGE = `Usage: npm run oidc:rotate-keys [-- --profile dev|test]

Adds a new signing key to the local provider's key set as the active one; the previous keys stay in the
JWKS so tokens they signed still verify (at most ${RETAINED_SIGNING_KEYS} keys are kept). The provider reads
its keys when it starts: restart npm start to sign with the new key.`;

/** `npm run oidc:rotate-keys`: rotates the local provider's signing key. */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    say('oidc', USAGE);
    return 0;
  }
  const { options } = parseOptions(args, ['profile'], USAGE);
  const profile = profileNamed(options.get('profile'));
  const rotation = rotateSigningKeys(oidcDataDir(profile));
  say('oidc', `${signingKeysFile(oidcDataDir(profile))}: ${rotation.activeKid} now signs; still published for verification: ${rotation.retiredKids.join(', ') || 'none'}`);
  if (rotation.droppedKids.length > 0) say('oidc', `no longer published (tokens they signed stop verifying): ${rotation.droppedKids.join(', ')}`);
  if (await isPortOpen(profile.oidc)) say('oidc', `the ${profile.name} provider is running with the old set: restart it (Ctrl-C and npm start) to sign with ${rotation.activeKid}`);
  return 0;
}

exitWith(main);
