/**
 * `npm run chaos:check -- <history.jsonl> [--examples N] [--settle-bound-ms N]`: checks a chaos run's recorded
 * history offline, prints the fault and invariant tables with the seed, and exits 1 on any violation
 * (2 when the history cannot be read or the arguments are wrong).
 */
import { checkHistoryFile, printReport } from './checker';
import { HistoryFormatError } from './history';

const USAGE = 'usage: npm run chaos:check -- <history.jsonl> [--examples N] [--settle-bound-ms N]';

interface CliArguments {
  path: string;
  maxExamples?: number;
  settleBoundMs?: number;
}

function parseArguments(args: string[]): CliArguments {
  let path: string | undefined;
  const options: Omit<CliArguments, 'path'> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--examples' || arg === '--settle-bound-ms') {
      const value = Number(args[index + 1]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
      if (arg === '--examples') options.maxExamples = value;
      else options.settleBoundMs = value;
      index += 1;
    } else if (!arg.startsWith('--') && path === undefined) path = arg;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (path === undefined) throw new Error('no history file given');
  return { path, ...options };
}

async function main(): Promise<number> {
  let cli: CliArguments;
  try {
    cli = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const result = await checkHistoryFile(cli.path, cli);
    printReport(result);
    return result.violations === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof HistoryFormatError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
