import { join } from 'node:path';
import { StackError, exitWith, say, seconds } from '../../stack/console-progress';
import { DATA_DIR } from '../../stack/repo-paths';
import { acquireStackLock } from '../../stack/stack-lock';
import { chaosProfile } from '../../stack/stack-profile';
import { type ChaosCluster, startCluster } from './start-cluster';

const USAGE = `Usage: npm run chaos:cluster [-- --kafka-only]

Starts the chaos cluster of issue 11 on ports 22000 above npm start's, prints what runs where, and keeps it
running until Ctrl-C, so it can be inspected (and faulted) by hand. Every start is fresh: the data folder is
deleted first.
  --kafka-only   only Toxiproxy and the three Kafka nodes with the catalogue's topics
  --help         show this text`;

/** `npm run chaos:cluster`: the cluster alone, without a run, for a person to look at. */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    say('chaos', USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== '--kafka-only');
  if (unknown.length > 0) throw new StackError(`Unknown option ${unknown.join(' ')}.`, USAGE);
  const profile = chaosProfile();
  const releaseLock = acquireStackLock(join(DATA_DIR, `${profile.name}.lock`), 'npm run chaos:cluster');
  const startedAt = Date.now();
  let cluster: ChaosCluster | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('chaos', 'stopping ...');
    await cluster?.stop();
    releaseLock();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    cluster = await startCluster({ profile, scope: args.includes('--kafka-only') ? 'kafka' : 'full' });
  } catch (error) {
    releaseLock();
    throw error;
  }
  process.stdout.write(describeCluster(cluster, Date.now() - startedAt).join('\n') + '\n');
  await new Promise(() => undefined);
  return 0;
}

/** What runs where: each process with its pid and log, each link with its proxies, the harness's addresses. */
export function describeCluster(cluster: ChaosCluster, elapsedMs: number): string[] {
  const links = [...new Set(cluster.proxies.map((proxy) => proxy.link))];
  return [
    '',
    `The chaos cluster is up (${seconds(elapsedMs)}). Ctrl-C stops everything.`,
    '',
    '  Process            Kind       Pid      Address / log',
    ...cluster.processes().map((process) => `  ${process.name.padEnd(18)} ${process.kind.padEnd(10)} ${String(process.pid ?? '-').padEnd(8)} ${cluster.urls.services[process.name] ?? ''} ${process.logFile ?? ''}`),
    '',
    '  Link                         Proxies (listen -> upstream)',
    ...links.map((link) => `  ${link.padEnd(28)} ${cluster.proxies.filter((proxy) => proxy.link === link).map((proxy) => `${proxy.name} :${proxy.listenPort}->:${proxy.upstreamPort}`).join(', ')}`),
    '',
    `  Kafka (direct)     ${cluster.urls.kafkaDirect}`,
    `  Temporal (direct)  ${cluster.urls.temporalDirect}`,
    `  OIDC issuer        ${cluster.urls.oidcIssuer}`,
    `  Toxiproxy API      ${cluster.urls.toxiproxyApi}   (e.g. curl ${cluster.urls.toxiproxyApi}/proxies, or .tools/bin/toxiproxy-cli -h ${cluster.urls.toxiproxyApi.replace('http://', '')} list)`,
    ...(cluster.urls.postgres ? [`  PostgreSQL         ${cluster.urls.postgres} (user postgres, trust; one database per service)`] : []),
    ...(cluster.urls.casework ? [`  Casework API       ${cluster.urls.casework}/api/v1`] : []),
    '',
  ];
}

if (require.main === module) exitWith(main);
