import { DefaultLogger, Runtime } from '@temporalio/worker';
import { StackError, exitWith } from '../stack/console-progress';
import { stackEnvironment } from '../stack/local-stack';
import { profileNamed } from '../oidc/command-options';
import { OpsRefusedError } from './ops-caller';
import { consoleOutput } from './ops-output';
import { runOps } from './run-ops';

/**
 * The environment the command runs in: the process's own when it names a Temporal cluster (production:
 * TEMPORAL_*, KAFKA_*, OIDC_ISSUER_URL, CASEWORK_API_URL, LEGAL_REVIEW_URL), otherwise the local stack of `--profile` (dev: npm start).
 */
function environmentFor(profileName: string | undefined): NodeJS.ProcessEnv {
  if (profileName === undefined && process.env['TEMPORAL_ADDRESS']) return process.env;
  const profile = profileNamed(profileName);
  return {
    ...stackEnvironment(profile),
    CASEWORK_API_URL: process.env['CASEWORK_API_URL'] ?? `http://127.0.0.1:${profile.services.casework}`,
    LEGAL_REVIEW_URL: process.env['LEGAL_REVIEW_URL'] ?? `http://127.0.0.1:${profile.services.legalReview}`,
  };
}

/** `npm run ops -- <verb>`: operations on the running platform as an SRE, every action in the operations log. */
async function main(): Promise<number> {
  // The replay worker's lifecycle notes are noise here; warnings and errors still show (on stderr).
  Runtime.install({ logger: new DefaultLogger('WARN') });
  try {
    return await runOps(process.argv.slice(2), { output: consoleOutput, environment: environmentFor });
  } catch (error) {
    if (error instanceof OpsRefusedError) throw new StackError(error.message, error.hint);
    throw error;
  }
}

exitWith(main);
