import { join, resolve } from 'node:path';

/** Root of the monorepo. */
export const REPO_ROOT = resolve(__dirname, '..', '..');
/** Provisioned tools (Temporal CLI, test server, Kafka jars); git-ignored. An empty setting counts as unset, and a relative one is made absolute (go install refuses a relative GOBIN). */
export const TOOLS_DIR = resolve(process.env['OIOO_TOOLS_DIR'] || join(REPO_ROOT, '.tools'));
/** Runtime data of local stacks (databases, logs, keys); git-ignored. */
export const DATA_DIR = resolve(process.env['OIOO_DATA_DIR'] || join(REPO_ROOT, '.data'));
/** The TypeScript loader every component runs under. */
export const TS_REGISTER = join(REPO_ROOT, 'infra', 'scripts', 'register.cjs');
