import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Logger } from '@temporalio/common';
import { DefaultLogger, bundleWorkflowCode, type BundleOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

/** Webpack configuration as the bundler hands it to `webpackConfigHook`. */
type WebpackConfiguration = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/** Webpack `resolve.alias` entries: module request pattern to absolute target paths. */
export type WebpackAliases = Record<string, string[]>;

const TSCONFIG_FILE = 'tsconfig.base.json';

/** Finds the monorepo's `tsconfig.base.json` by walking up from this file, so it works from source and from a build. */
export function findBaseTsconfig(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, TSCONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`workflow bundle: no ${TSCONFIG_FILE} found above ${from}`);
  }
}

/**
 * Turns tsconfig `compilerOptions.paths` into webpack aliases. Exact aliases get webpack's `$` suffix so
 * `@oioo/contracts` does not also capture `@oioo/contracts-extra`; a single `*` maps as a webpack wildcard.
 */
export function webpackAliasesFromPaths(paths: Record<string, readonly string[]>, baseDir: string): WebpackAliases {
  return Object.fromEntries(
    Object.entries(paths).map(([pattern, targets]) => [
      pattern.includes('*') ? pattern : `${pattern}$`,
      targets.map((target) => resolve(baseDir, target)),
    ]),
  );
}

/** Reads the monorepo tsconfig at call time (paths change as libraries are added) and returns its aliases. */
export function tsconfigPathAliases(tsconfigPath: string = findBaseTsconfig()): WebpackAliases {
  const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8')) as {
    compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
  };
  const { baseUrl = '.', paths = {} } = tsconfig.compilerOptions ?? {};
  return webpackAliasesFromPaths(paths, resolve(dirname(tsconfigPath), baseUrl));
}

/** Adds aliases to a webpack configuration, keeping the bundler's own (it maps disallowed modules to `false`). */
function withAliases(config: WebpackConfiguration, aliases: WebpackAliases): WebpackConfiguration {
  const existing = config.resolve?.alias ?? {};
  const alias = Array.isArray(existing)
    ? [
        ...existing,
        // The array form spells webpack's `$` (exact match) suffix as `onlyModule`.
        ...Object.entries(aliases).map(([name, targets]) =>
          name.endsWith('$') ? { name: name.slice(0, -1), alias: targets, onlyModule: true } : { name, alias: targets },
        ),
      ]
    : { ...existing, ...aliases };
  return { ...config, resolve: { ...config.resolve, alias } };
}

/** What to bundle. */
export interface WorkflowBundleInput {
  /** Module (or directory index) exporting the workflow functions. */
  workflowsPath: string;
  /** Extra modules to leave out of the bundle; only for imports that are never used at runtime. */
  ignoreModules?: string[];
  /** Workflow interceptor modules; a prebuilt bundle ignores the worker's `interceptors.workflowModules`. */
  workflowInterceptorModules?: string[];
  /** Where webpack's report goes; by default only its warnings and errors show (its INFO report is a page of module sizes). */
  logger?: Logger;
  /** Tsconfig whose `paths` become aliases; defaults to the monorepo's `tsconfig.base.json`. */
  tsconfigPath?: string;
}

/** Bundles workflow code for a worker, resolving the monorepo's `@oioo/*` path aliases. */
export async function bundleWorkflowsForWorker(input: WorkflowBundleInput): Promise<WorkflowBundleWithSourceMap> {
  const aliases = tsconfigPathAliases(input.tsconfigPath);
  return bundleWorkflowCode({
    workflowsPath: input.workflowsPath,
    ignoreModules: input.ignoreModules,
    workflowInterceptorModules: input.workflowInterceptorModules,
    logger: input.logger ?? new DefaultLogger('WARN'),
    webpackConfigHook: (config) => withAliases(config, aliases),
  });
}

/** Bundles workflow code into a file for production workers (`{ bundlePath }`), so they start without webpack. */
export async function writeWorkflowBundle(input: WorkflowBundleInput & { outFile: string }): Promise<string> {
  const { code } = await bundleWorkflowsForWorker(input);
  mkdirSync(dirname(input.outFile), { recursive: true });
  writeFileSync(input.outFile, code);
  return input.outFile;
}
