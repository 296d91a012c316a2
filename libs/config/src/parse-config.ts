import { type z } from 'zod';

/** Start-up stopped because the environment is missing or has bad values; the message names each variable. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly { variable: string; problem: string }[],
  ) {
    super(
      `${app}: invalid configuration:\n` +
        problems.map(({ variable, problem }) => `  - ${variable}: ${problem}`).join('\n') +
        '\nSet these variables (see .env.example) and start again.',
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at boot with an app's zod schema. Any missing or malformed variable
 * fails fast with a message naming it, instead of surfacing later as a confusing runtime error.
 */
export function parseConfig<Schema extends z.ZodType>(
  app: string,
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: issue.path.map(String).join('.') || '(environment)',
    problem: issue.message,
  }));
  throw new ConfigError(app, problems);
}
