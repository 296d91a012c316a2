import { join } from 'node:path';
import { REPO_ROOT, TS_REGISTER } from './repo-paths';
import type { StackProfile } from './stack-profile';
import { SupervisedProcess } from './supervised-process';

/** A service of the stack (the NestJS services and the console) and where its entry point is. */
export interface ServiceComponent {
  name: 'identity' | 'legal-review' | 'transport' | 'casework' | 'console';
  entry: string;
  port: number;
  /** Where its metrics listener answers (`METRICS_PORT`). */
  metricsPort: number;
}

/** The services `npm start` runs, with their profile's ports. */
export function servicesOf(profile: StackProfile): ServiceComponent[] {
  return [
    { name: 'identity', entry: 'services/identity/src/main.ts', port: profile.services.identity, metricsPort: profile.metrics.identity },
    { name: 'legal-review', entry: 'services/legal-review/src/main.ts', port: profile.services.legalReview, metricsPort: profile.metrics.legalReview },
    { name: 'transport', entry: 'services/transport/src/main.ts', port: profile.services.transport, metricsPort: profile.metrics.transport },
    { name: 'casework', entry: 'services/casework/src/main.ts', port: profile.services.casework, metricsPort: profile.metrics.casework },
    { name: 'console', entry: 'services/console/src/main.ts', port: profile.services.console, metricsPort: profile.metrics.console },
  ];
}

/** Health URL of a service. */
export function healthUrl(service: ServiceComponent): string {
  return `http://127.0.0.1:${service.port}/health`;
}

/** Starts a TypeScript entry point of the monorepo as its own Node process, logging to the profile's log folder. */
export function startNodeComponent(profile: StackProfile, name: string, entry: string, env: NodeJS.ProcessEnv): SupervisedProcess {
  return SupervisedProcess.start({
    name,
    command: process.execPath,
    args: ['--enable-source-maps', '-r', TS_REGISTER, join(REPO_ROOT, entry)],
    cwd: REPO_ROOT,
    env,
    logFile: join(profile.logDir, `${name}.log`),
  });
}
