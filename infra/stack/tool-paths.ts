import { join } from 'node:path';
import { TOOLS_DIR } from './repo-paths';

/** Where each provisioned tool lives under the git-ignored tools folder. */
export const ToolPaths = {
  temporalCli: join(TOOLS_DIR, 'bin', 'temporal'),
  temporalTestServer: join(TOOLS_DIR, 'bin', 'temporal-test-server'),
  temporalTestServerLib: join(TOOLS_DIR, 'temporal-test-server', 'lib'),
  kafkaLib: join(TOOLS_DIR, 'kafka', 'libs'),
  toxiproxyServer: join(TOOLS_DIR, 'bin', 'toxiproxy-server'),
  toxiproxyCli: join(TOOLS_DIR, 'bin', 'toxiproxy-cli'),
} as const;
