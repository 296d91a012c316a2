import { StackError } from '../stack/console-progress';
import { devProfile, type StackProfile, testProfile } from '../stack/stack-profile';

/** The stacks a command may talk to: `npm start`'s (dev) or `npm test`'s (test). */
export function profileNamed(name: string | undefined): StackProfile {
  if (name === undefined || name === 'dev') return devProfile;
  if (name === 'test') return testProfile;
  throw new StackError(`Unknown profile ${name}.`, 'Use --profile dev (npm start, the default) or --profile test (npm test).');
}

/** Splits `--name value` options from positional arguments; every option takes a value. */
export function parseOptions(args: readonly string[], known: readonly string[], usage: string): { options: Map<string, string>; positional: string[] } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) throw new StackError(`Unknown option --${name}.`, usage);
    const value = inline ?? args[(index += 1)];
    if (value === undefined) throw new StackError(`--${name} needs a value.`, usage);
    options.set(name, value);
  }
  return { options, positional };
}
