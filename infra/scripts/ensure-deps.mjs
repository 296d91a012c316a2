// First step of `npm start` and `npm test`: checks Node, then installs the npm dependencies when
// node_modules is missing or older than package-lock.json. Dependency-free on purpose: it runs
// before anything is installed.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node.js ${process.versions.node} is too old: install Node.js 20.19 or newer (22 LTS recommended) and run this again.`);
  process.exit(1);
}

const lock = readFileSync(join(root, 'package-lock.json'));
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = join(root, 'node_modules', '.oioo-lock-sha256');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) process.exit(0);

console.log('[setup] installing npm dependencies (npm ci): first run or package-lock.json changed ...');
const started = Date.now();
const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('[setup] npm ci failed (see the output above). Check that the npm registry is reachable, then run this again.');
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, wanted + '\n');
console.log(`[setup] npm dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
