import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemporalConfig } from '@oioo/temporal';
import { StackError, reportFailure, say, seconds, step } from './console-progress';
import { healthUrl, servicesOf, startNodeComponent } from './components';
import { consoleEnvironment } from './console-stack';
import { consoleUrl, oidcIssuerUrl, serviceClientEnvironment } from '../oidc/oidc-stack';
import { signInLines } from '../oidc/people-table';
import { serviceEnvironment, stackEnvironment, startInfrastructure, timeCompressionEnvironment, vaultEnvironment } from './local-stack';
import { isHttpHealthy, waitUntil } from './ports';
import { prometheusUrl, startPrometheus } from '../prometheus/prometheus-server';
import { provisionTools } from './provision';
import { DATA_DIR } from './repo-paths';
import { acquireStackLock } from './stack-lock';
import { devProfile as profile } from './stack-profile';
import type { SupervisedProcess } from './supervised-process';
import { probeWorker } from './worker-probe';
import { startUiGateway } from '../temporal/ui-gateway/gateway-stack';

/** Demonstration only: a simulated day passes in a real minute with --simulate. */
const DEMO_TIME_COMPRESSION = 1440;

const USAGE = `Usage: npm start [-- --fresh] [-- --simulate]

Starts Temporal, Kafka, the OpenID Connect provider, Prometheus, the worker and the services on this machine, and keeps them running until Ctrl-C.
  --fresh      delete the local data (${profile.dataDir}) first: workflows, topics, keys and logs
  --simulate   also run the simulated agencies and caseworker desk, with every deadline compressed
               ${DEMO_TIME_COMPRESSION} times (a day a minute; demonstration only, never in production)
  --help       show this text`;

/** `npm start`: brings the whole system up on embedded defaults and stops it cleanly on Ctrl-C. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) return void say('start', USAGE);
  const unknown = args.filter((arg) => !['--fresh', '--simulate'].includes(arg));
  const simulate = args.includes('--simulate');
  if (unknown.length > 0) throw new StackError(`Unknown option ${unknown.join(' ')}.`, USAGE);

  const startedAt = Date.now();
  // The lock lives outside the data folder so --fresh can delete that folder while holding it.
  const releaseLock = acquireStackLock(join(DATA_DIR, `${profile.name}.lock`), 'npm start');
  const running: SupervisedProcess[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say('start', 'stopping ...');
    // Reverse order: services and worker drain before the broker and server they talk to go away.
    for (const component of [...running].reverse()) {
      await component.stop();
      say(component.spec.name, 'stopped');
    }
    releaseLock();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const track = (component: SupervisedProcess) => {
    running.push(component);
    component.watch((name, code) => {
      say(name, `exited unexpectedly with code ${code}; see ${component.spec.logFile}`);
      void stopAll(1);
    });
  };

  try {
    if (args.includes('--fresh')) {
      say('start', `--fresh: deleting ${profile.dataDir}`);
      rmSync(profile.dataDir, { recursive: true, force: true });
    }
    await provisionTools();
    await startInfrastructure(profile, { ui: true }, track);
    await step('prometheus', `starting Prometheus at ${prometheusUrl(profile)} (scrape configuration and alert rules from infra/prometheus)`, async () => track(await startPrometheus(profile)));
    const env: NodeJS.ProcessEnv = {
      ...stackEnvironment(profile),
      NODE_ENV: 'development',
      ...timeCompressionEnvironment(simulate ? DEMO_TIME_COMPRESSION : 1),
    };

    // Each component calls the others as its own service client (OIDC_CLIENT_ID/OIDC_CLIENT_SECRET).
    const worker = startNodeComponent(profile, 'worker', 'workflows/worker/src/main.ts', {
      ...env,
      ...serviceClientEnvironment(profile, 'svc-worker'),
      ...vaultEnvironment(profile),
      METRICS_PORT: String(profile.metrics.worker),
    });
    track(worker);
    const services = servicesOf(profile).map((service) => {
      // The console calls only the casework API, as the signed-in person: it has no client of its own.
      const credentials = service.name === 'console' ? consoleEnvironment(profile) : { ...serviceClientEnvironment(profile, `svc-${service.name}`), ...vaultEnvironment(profile) };
      const serviceEnv = { ...serviceEnvironment(profile, env, service), ...credentials };
      const process = startNodeComponent(profile, service.name, service.entry, serviceEnv);
      track(process);
      return { service, process };
    });

    await step('worker', 'bundling workflows and proving a round trip through the worker', () =>
      waitUntil(
        async () => {
          worker.assertRunning();
          try {
            await probeWorker(loadTemporalConfig(env), 5_000);
            return true;
          } catch {
            return false;
          }
        },
        120_000,
        'the worker to complete a probe workflow',
        `Read its log: ${worker.spec.logFile}`,
      ),
    );
    await step('services', 'waiting for every service to report healthy', () =>
      Promise.all(
        services.map(({ service, process }) =>
          waitUntil(
            async () => {
              process.assertRunning();
              return isHttpHealthy(healthUrl(service));
            },
            90_000,
            `${service.name} at ${healthUrl(service)}`,
            `Read its log: ${process.spec.logFile}`,
          ),
        ),
      ),
    );

    await step('temporal-ui', `starting the Web UI's sign-in gateway on http://127.0.0.1:${profile.temporal.uiPort}`, async () => track(await startUiGateway(profile, env)));

    if (simulate) {
      const simulator = startNodeComponent(profile, 'agency-simulator', 'services/agency-simulator/src/main.ts', { ...env, ...serviceClientEnvironment(profile, 'svc-simulator'), ...vaultEnvironment(profile) });
      track(simulator);
      say('simulator', `agencies and caseworker desk running; a simulated day passes every ${86_400 / DEMO_TIME_COMPRESSION} s`);
    }

    const lines = [
      '',
      `The pilot platform is up (${seconds(Date.now() - startedAt)}). Ctrl-C stops everything.`,
      '',
      `  Temporal Web UI     http://127.0.0.1:${profile.temporal.uiPort}   sign in as sam (SRE: redacted) or a caseworker (their team's cases whole)`,
      `  Temporal frontend   ${env['TEMPORAL_ADDRESS']} (namespace default)`,
      `  Kafka bootstrap     ${env['KAFKA_BROKERS']}`,
      ...servicesOf(profile).map((service) => `  ${service.name.padEnd(19)} ${healthUrl(service)}`),
      `  Casework API        http://127.0.0.1:${profile.services.casework}/api/v1 (interactive reference http://127.0.0.1:${profile.services.casework}/docs)`,
      `  Console             ${consoleUrl(profile)}   sign in as one of the people below`,
      `  Prometheus          ${prometheusUrl(profile)}/classic/targets, alerts at ${prometheusUrl(profile)}/classic/alerts (metrics of each process on ports ${profile.metrics.worker}-${profile.metrics.console}, the Temporal server's on ${profile.temporal.metricsPort})`,
      ...signInLines(oidcIssuerUrl(profile)),
      ...(simulate
        ? [
            `  Simulated agencies  log ${profile.logDir}/agency-simulator.log; watch cases in the Web UI (query CaseKind = 'readmission' or 'eoi')`,
            `  Ledger              npm run ledger:report (in another terminal): the balance of both routes, week by week`,
          ]
        : []),
      '',
      `  Data                ${profile.dataDir} (kept across restarts; npm start -- --fresh starts clean)`,
      `  Logs                ${profile.logDir}/{temporal,temporal-ui,kafka,oidc,prometheus,worker,${servicesOf(profile).map((s) => s.name).join(',')}}.log`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } catch (error) {
    reportFailure(error);
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  reportFailure(error);
  process.exit(1);
});
