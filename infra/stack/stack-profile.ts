import { join } from 'node:path';
import { DATA_DIR } from './repo-paths';

/** Ports and folders of one local stack; `dev` backs `npm start`, `test` backs `npm test`, `bench` backs `npm run bench`, `chaos` the cluster of `npm run chaos`, so all can run at once. */
export interface StackProfile {
  name: 'dev' | 'test' | 'bench' | 'chaos';
  dataDir: string;
  logDir: string;
  /** `uiPort` is where people open the Web UI (its sign-in gateway); the dev server's own UI listens on `uiBackendPort`. */
  temporal: { port: number; uiPort: number; uiBackendPort: number; httpPort: number; metricsPort: number };
  kafka: { port: number; controllerPort: number };
  /** The local OpenID Connect provider's port; its issuer is http://127.0.0.1:<oidc>. */
  oidc: number;
  services: { identity: number; legalReview: number; transport: number; casework: number; console: number };
  /** Each process's metrics listener (`METRICS_PORT`), apart from its API: the worker's Temporal SDK metrics and each service's prom-client ones. */
  metrics: { worker: number; identity: number; legalReview: number; transport: number; casework: number; console: number };
  /** The Prometheus server `npm start` runs (its UI and API). */
  prometheus: number;
}

function profile(name: StackProfile['name'], base: number, folder: string = name): StackProfile {
  const dataDir = join(DATA_DIR, folder);
  return {
    name,
    dataDir,
    logDir: join(dataDir, 'logs'),
    temporal: { port: base + 7233, uiPort: base + 8233, uiBackendPort: base + 8234, httpPort: base + 7243, metricsPort: base + 7253 },
    kafka: { port: base + 9092, controllerPort: base + 9093 },
    oidc: base + 3100,
    services: { identity: base + 3101, legalReview: base + 3102, transport: base + 3103, casework: base + 3104, console: base + 3105 },
    metrics: { worker: base + 9400, identity: base + 9401, legalReview: base + 9402, transport: base + 9403, casework: base + 9404, console: base + 9405 },
    prometheus: base + 9090,
  };
}

/** The `npm start` stack on the usual ports. */
export const devProfile = profile('dev', 0);
/** The `npm test` stack as documented: ports 10000 higher and a data folder of its own. */
export const defaultTestProfile = profile('test', 10000);

/**
 * The `npm test` stack of this process. OIOO_TEST_SLOT (1 to 9) moves it to ports of its own (10000 + 100 × slot higher),
 * so several working copies on one machine can each run their tests at once; unset, it is the documented one.
 */
export const testProfile = testSlotProfile(process.env['OIOO_TEST_SLOT']);

/** The test profile for a slot number given as text; undefined or empty gives the documented profile. */
export function testSlotProfile(slot: string | undefined): StackProfile {
  if (slot === undefined || slot === '') return defaultTestProfile;
  if (!/^[1-9]$/.test(slot)) throw new Error(`OIOO_TEST_SLOT must be a digit from 1 to 9, not "${slot}".`);
  return profile('test', 10000 + 100 * Number(slot));
}
/** The `npm run bench` server, on ports 20000 higher and a data folder of its own. */
export const benchProfile = profile('bench', 20000);

/**
 * The chaos cluster (`npm run chaos`, infra/chaos/cluster) on ports 22000 higher; with a test slot (1 to 9, as
 * OIOO_TEST_SLOT) 100 × slot higher again and a folder of its own, so a test's cluster never meets a hand-run one.
 * Every port stays below 32768, where Linux's ephemeral range starts: a cluster makes thousands of outgoing
 * connections, and a broker could not bind a listener port that one of them had taken.
 */
export function chaosProfile(slot?: string): StackProfile {
  if (slot === undefined || slot === '') return profile('chaos', CHAOS_PORT_OFFSET);
  if (!/^[1-9]$/.test(slot)) throw new Error(`OIOO_TEST_SLOT must be a digit from 1 to 9, not "${slot}".`);
  return profile('chaos', CHAOS_PORT_OFFSET + 100 * Number(slot), `chaos-slot-${slot}`);
}

/** How far above `npm start`'s ports the chaos cluster's are. */
const CHAOS_PORT_OFFSET = 22000;
