import { type Client } from '@temporalio/client';
import { type PersonCaller } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';
import { type DataKeyOptions, EnvelopedCaseDataKeys, HttpDataKeyStore, createTemporalClient, loadTemporalConfig, temporalDataConverter } from '@oioo/temporal';
import { type OpsInvocation, UsageError, parseCommandLine } from './ops-arguments';
import { OpsRefusedError, obtainToken, verifyCaller } from './ops-caller';
import { OperationsLogClient } from './operations-log-client';
import { type OpsOutput } from './ops-output';
import { loadOpsSettings } from './ops-settings';
import { usageOf } from './ops-usage';
import { AuditChainClient, runAuditVerify } from './verbs/audit-verb';
import { runBulk } from './verbs/bulk-verb';
import { runDeadLetterVerb } from './verbs/dead-letter-verbs';
import { runReplay } from './verbs/replay-verb';
import { runStuck } from './verbs/stuck-verb';
import { KeyRingClient, runKeysRewrap, runKeysStatus } from './verbs/keys-verb';
import { runSubjectAccess } from './verbs/subject-access-verb';

/** What a verb gets: the checked invocation, the verified caller and their token, the operations log, and connections opened on first use. */
export interface VerbContext {
  env: NodeJS.ProcessEnv;
  output: OpsOutput;
  /** The verified person the command acts as, with the token it sends the casework API. */
  caller: { person: PersonCaller; token: string };
  caseworkUrl: string;
  log: OperationsLogClient;
  /** `ops:<actor id>`: how the SRE is named to Temporal (batch jobs' identity). */
  identity: string;
  temporal(): Promise<Client>;
  /** The case data keys, fetched from the casework vault with the SRE's token (replays and inputs decode with them). */
  dataKeys: DataKeyOptions;
}

/** Where the command runs: its output, and the environment for a profile (`--profile`, or the process's own). */
export interface OpsIo {
  output: OpsOutput;
  environment(profile: string | undefined): NodeJS.ProcessEnv;
}

/**
 * `npm run ops -- <verb>`: parses the command line, signs the person in (or takes OPS_ACCESS_TOKEN), verifies the
 * token and its role (`sre`; `auditor` for subject-access), then runs the verb with every SRE action written to
 * the operations log. Returns the exit code: 0 done, 1 a check failed (a replay), 2 a usage mistake; refusals are
 * thrown for the caller to print.
 */
export async function runOps(args: readonly string[], io: OpsIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.output.progress(`✖ ${error.message}\n\n${usageOf(error.verb)}`);
    return 2;
  }
  if (parsed.help || !parsed.invocation) {
    io.output.line(usageOf(parsed.help?.verb));
    return 0;
  }
  const env = io.environment(parsed.profile);
  const settings = loadOpsSettings(env);
  const role = parsed.invocation.verb === 'subject-access' ? 'auditor' : 'sre';
  const caller = await verifyCaller(env, await obtainToken(env, parsed.as), role);
  io.output.progress(`ops: acting as ${caller.person.name} (${caller.person.actorId}, ${role})`);
  const log = new OperationsLogClient(settings.CASEWORK_API_URL, caller.token);
  const auditChains = new AuditChainClient({ casework: settings.CASEWORK_API_URL, ...(settings.LEGAL_REVIEW_URL ? { 'legal-review': settings.LEGAL_REVIEW_URL } : {}) }, caller.token);
  // The operations log is the SREs' record; an auditor's subject-access request is recorded by the casework API itself (S3).
  if (caller.person.roles.includes('sre')) await log.check();
  let client: Promise<Client> | undefined;
  const dataKeys = opsDataKeys(env, settings.CASEWORK_API_URL, caller.token);
  const context: VerbContext = {
    env,
    output: io.output,
    caller,
    caseworkUrl: settings.CASEWORK_API_URL,
    log,
    identity: `ops:${caller.person.actorId}`,
    temporal: () => (client ??= connectTemporal(env, dataKeys)),
    dataKeys,
  };
  try {
    return await runVerb(parsed.invocation, context, settings.WORKER_WORKFLOW_BUNDLE, auditChains, new KeyRingClient(settings.CASEWORK_API_URL, caller.token));
  } finally {
    if (client) await client.then((opened) => opened.connection.close()).catch(() => undefined);
  }
}

/** S4: the command reads case data keys from the casework vault as the signed-in SRE (`/api/v1/data-keys`). */
function opsDataKeys(env: NodeJS.ProcessEnv, caseworkUrl: string, token: string): DataKeyOptions {
  const store = new HttpDataKeyStore(caseworkUrl, { token: async () => token }, '/api/v1/data-keys');
  return { dataKeys: new EnvelopedCaseDataKeys(store, loadTemporalConfig(env, 'ops').codec) };
}

/** A client on the configured Temporal; an unreachable server is a refusal that says where it looked. */
async function connectTemporal(env: NodeJS.ProcessEnv, dataKeys: DataKeyOptions): Promise<Client> {
  const config = loadTemporalConfig(env, 'ops');
  try {
    return await createTemporalClient(config, undefined, dataKeys);
  } catch (error) {
    throw new OpsRefusedError(`Temporal at ${config.address} cannot be reached (${(error as Error).message}).`, 'Start the stack (npm start) or set TEMPORAL_ADDRESS and its TLS settings.');
  }
}

async function runVerb(invocation: OpsInvocation, context: VerbContext, bundlePath: string | undefined, auditChains: AuditChainClient, keyRing: KeyRingClient): Promise<number> {
  switch (invocation.verb) {
    case 'stuck':
      return runStuck(invocation, context);
    case 'dlq.list':
    case 'dlq.show':
    case 'dlq.redrive':
      // Kafka client warnings go with the progress (stderr), so stdout carries results only.
      return runDeadLetterVerb(invocation, context, createKafkaJsTransport({ config: loadKafkaConfig(context.env), clientId: 'oioo-ops', logger: createLogger('ops-kafka', {}, (line) => context.output.progress(line)) }));
    case 'bulk.signal':
    case 'bulk.cancel':
    case 'bulk.terminate':
      return runBulk(invocation, context);
    case 'replay':
      return runReplay(invocation, context, { ...(bundlePath ? { bundlePath } : {}), dataConverter: temporalDataConverter(loadTemporalConfig(context.env, 'ops'), context.dataKeys) });
    case 'audit.verify':
      return runAuditVerify(invocation, context, auditChains);
    case 'keys.status':
      return runKeysStatus(invocation, context, keyRing);
    case 'keys.rewrap':
      return runKeysRewrap(invocation, context, keyRing);
    case 'subject-access':
      return runSubjectAccess(invocation, context);
  }
}

/** A refusal the command prints as what went wrong and what to do (re-exported for callers of runOps). */
export { OpsRefusedError };
