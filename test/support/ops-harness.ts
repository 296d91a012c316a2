import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CaseworkAppModule } from '@oioo/casework';
import { runOps } from '@oioo/ops';
import { stackEnv } from './stack';

/** What one run of `npm run ops` printed and returned. */
export interface OpsRun {
  code: number;
  lines: string[];
  progress: string[];
  text: string;
}

/** The casework service (which keeps the operations log) in the test process, and the operations command run against it. */
export interface OpsHarness {
  caseworkUrl: string;
  /** Runs `npm run ops -- <args>` in-process with `token` as OPS_ACCESS_TOKEN; refusals reject as they would print. */
  ops(args: string[], token: string, extraEnv?: NodeJS.ProcessEnv): Promise<OpsRun>;
  stop(): Promise<void>;
}

/** Boots casework on an in-memory database and a free port, for the operations log the command writes to. */
export async function startOpsHarness(): Promise<OpsHarness> {
  delete process.env['DATABASE_DIR'];
  const app: INestApplication = await NestFactory.create(CaseworkAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const caseworkUrl = await app.getUrl();
  return {
    caseworkUrl,
    ops: async (args, token, extraEnv = {}) => {
      const lines: string[] = [];
      const progress: string[] = [];
      const env = { ...stackEnv(), CASEWORK_API_URL: caseworkUrl, OPS_ACCESS_TOKEN: token, ...extraEnv };
      const code = await runOps(args, { output: { line: (text) => lines.push(text), progress: (text) => progress.push(text) }, environment: () => env });
      return { code, lines, progress, text: lines.join('\n') };
    },
    stop: () => app.close(),
  };
}
