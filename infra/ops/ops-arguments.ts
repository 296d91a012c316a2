import { z } from 'zod';
import { AUDIT_STREAMS, type AuditStream, personIdSchema } from '@oioo/contracts';

/** A command-line mistake: what is wrong, and the usage of the verb it concerns. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly verb: string | undefined,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options that take no value. */
const FLAGS = new Set(['help', 'dry-run', 'force', 'all']);

/** Options every verb takes: who signs in (local stack) and which local stack. */
const COMMON_OPTIONS = ['as', 'profile'] as const;

/** The value options each verb accepts, besides the common ones. */
export const VERB_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  stuck: ['grace', 'activity-after', 'task-attempts', 'limit'],
  'dlq list': ['topic'],
  'dlq show': ['topic', 'offset', 'limit'],
  'dlq redrive': ['topic', 'offset', 'group', 'kind', 'reason-contains', 'reason'],
  'bulk signal': ['query', 'reason', 'signal', 'input'],
  'bulk cancel': ['query', 'reason'],
  'bulk terminate': ['query', 'reason'],
  replay: ['query', 'limit'],
  'audit verify': ['stream'],
  'keys status': ['query', 'limit'],
  'keys rewrap': ['reason'],
  'subject-access': ['purpose', 'reference', 'out'],
};

/** Verbs that take one argument after the verb, and what it is (for the usage mistake that leaves it out). */
const VERB_ARGUMENT: Readonly<Record<string, string>> = {
  'subject-access': 'the person id (per_...)',
};

/** Where subject-access writes its export unless --out says otherwise: git-ignored, as it holds personal data. */
export const DEFAULT_SUBJECT_ACCESS_DIR = '.data/subject-access';

/** The flags each verb accepts, besides `--help`. */
const VERB_FLAGS: Readonly<Record<string, readonly string[]>> = {
  'dlq redrive': ['dry-run', 'force', 'all'],
  'bulk signal': ['dry-run'],
  'bulk cancel': ['dry-run'],
  'bulk terminate': ['dry-run'],
};

/** Every verb, as typed after `npm run ops --`. */
export const VERBS = Object.keys(VERB_OPTIONS);

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `2h`, `1d` as milliseconds. */
export function parseDuration(text: string, option: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new UsageError(`--${option} takes a duration such as 90s, 15m, 2h or 1d, not "${text}".`, undefined);
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000);
}

const reason = z.string({ error: 'a --reason is required: say why (it goes into the operations log)' }).trim().min(3, 'the --reason must say why in at least 3 characters').max(500);
const query = z.string({ error: 'a --query is required: a Temporal visibility query, e.g. "CaseKind = \'readmission\' AND ExecutionStatus = \'Running\'"' }).trim().min(3).max(1000);
const offset = z.string().regex(/^\d{1,18}$/, '--offset takes a message offset (digits)');
const topic = z.string().regex(/^[a-z][a-z0-9.-]{2,120}$/, '--topic takes a topic name such as legal.challenge.lodged.v1').transform((name) => name.replace(/\.dlq$/, ''));
const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** What one invocation asks for, checked: each verb's options, typed. */
export type OpsInvocation =
  | { verb: 'stuck'; graceMs: number; activityAfterMs: number; taskAttempts: number; limit: number }
  | { verb: 'dlq.list'; topic?: string }
  | { verb: 'dlq.show'; topic: string; offset?: string; limit: number }
  | { verb: 'dlq.redrive'; topic: string; offset?: string; all: boolean; group?: string; kind?: string; reasonContains?: string; reason: string; dryRun: boolean; force: boolean }
  | { verb: 'bulk.signal'; query: string; reason: string; signal: string; input?: unknown; dryRun: boolean }
  | { verb: 'bulk.cancel' | 'bulk.terminate'; query: string; reason: string; dryRun: boolean }
  | { verb: 'replay'; query: string; limit: number }
  | { verb: 'audit.verify'; streams: AuditStream[] }
  | { verb: 'keys.status'; query: string; limit: number }
  | { verb: 'keys.rewrap'; reason: string }
  | { verb: 'subject-access'; personId: string; purpose: string; reference?: string; out: string };

/** The parsed command line: the verb's invocation, or a request for help, and the common options. */
export interface ParsedCommandLine {
  /** Set when `--help` was given or no verb: the verb whose usage to print (undefined: the overview). */
  help?: { verb?: string };
  invocation?: OpsInvocation;
  as?: string;
  profile?: string;
}

/** Reads the verb (one or two words) and its options; every mistake is a {@link UsageError} naming the verb. */
export function parseCommandLine(args: readonly string[]): ParsedCommandLine {
  const words: string[] = [];
  let index = 0;
  while (index < args.length && !(args[index] ?? '').startsWith('--') && words.length < 2) {
    const candidate = [...words, args[index] ?? ''].join(' ');
    if (!VERBS.some((verb) => verb === candidate || verb.startsWith(`${candidate} `))) break;
    words.push(args[index] ?? '');
    index += 1;
  }
  const verb = words.join(' ');
  const rest = args.slice(index);
  if (!VERBS.includes(verb)) {
    if (rest.includes('--help') || rest.includes('-h') || args.length === 0) return { help: { ...(verb ? { verb } : {}) } };
    const given = args.filter((arg) => !arg.startsWith('--')).slice(0, 2).join(' ');
    throw new UsageError(verb ? `"${verb}" needs one of: ${VERBS.filter((known) => known.startsWith(`${verb} `)).map((known) => known.slice(verb.length + 1)).join(', ')}.` : `Unknown verb "${given}".`, verb || undefined);
  }
  const values = new Map<string, string>();
  const flags = new Set<string>();
  let argument: string | undefined;
  for (let position = 0; position < rest.length; position += 1) {
    const arg = rest[position] ?? '';
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--') && VERB_ARGUMENT[verb] !== undefined && argument === undefined) {
      argument = arg;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}": options start with --.`, verb);
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (FLAGS.has(name)) {
      if (name !== 'help' && !(VERB_FLAGS[verb] ?? []).includes(name)) throw new UsageError(`${verb} does not take --${name}.`, verb);
      flags.add(name);
      continue;
    }
    if (![...COMMON_OPTIONS, ...(VERB_OPTIONS[verb] ?? [])].includes(name)) throw new UsageError(`${verb} does not take --${name}.`, verb);
    const value = inline ?? rest[(position += 1)];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`, verb);
    if (values.has(name)) throw new UsageError(`--${name} is given twice.`, verb);
    values.set(name, value);
  }
  const common = { ...(values.has('as') ? { as: values.get('as') } : {}), ...(values.has('profile') ? { profile: values.get('profile') } : {}) };
  if (flags.has('help')) return { help: { verb }, ...common };
  if (VERB_ARGUMENT[verb] !== undefined && argument === undefined) throw new UsageError(`${verb} needs ${VERB_ARGUMENT[verb]}.`, verb);
  return { invocation: invocationOf(verb, values, flags, argument), ...common };
}

/** Parses a value with a zod schema, turning its first complaint into a usage error for the verb. */
function check<T>(schema: z.ZodType<T>, value: unknown, verb: string, option: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'is not valid';
  throw new UsageError(message.startsWith('a --') || message.startsWith('--') || message.startsWith('the --') ? capitalise(message) : `--${option} ${message}`, verb);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function invocationOf(verb: string, values: Map<string, string>, flags: Set<string>, argument: string | undefined): OpsInvocation {
  const get = (name: string) => values.get(name);
  const optional = <T>(name: string, schema: z.ZodType<T>): T | undefined => (values.has(name) ? check(schema, get(name), verb, name) : undefined);
  switch (verb) {
    case 'stuck':
      return {
        verb: 'stuck',
        graceMs: parseDurationFor(verb, get('grace') ?? '15m', 'grace'),
        activityAfterMs: parseDurationFor(verb, get('activity-after') ?? '10m', 'activity-after'),
        taskAttempts: check(count(3, 1000), get('task-attempts'), verb, 'task-attempts'),
        limit: check(count(200, 5000), get('limit'), verb, 'limit'),
      };
    case 'dlq list': {
      const chosen = optional('topic', topic);
      return { verb: 'dlq.list', ...(chosen ? { topic: chosen } : {}) };
    }
    case 'dlq show': {
      const at = optional('offset', offset);
      return { verb: 'dlq.show', topic: check(topic, get('topic'), verb, 'topic'), ...(at ? { offset: at } : {}), limit: check(count(20, 500), get('limit'), verb, 'limit') };
    }
    case 'dlq redrive': {
      const at = optional('offset', offset);
      const all = flags.has('all');
      if ((at === undefined) === !all) throw new UsageError('Say which dead letters: --offset <n> for one, or --all (with --group, --kind or --reason-contains to narrow it).', verb);
      const group = optional('group', z.string().min(1).max(100));
      const kind = optional('kind', z.enum(['invalid', 'handler-failed', 'rejected']));
      const reasonContains = optional('reason-contains', z.string().min(1).max(200));
      return {
        verb: 'dlq.redrive',
        topic: check(topic, get('topic'), verb, 'topic'),
        ...(at ? { offset: at } : {}),
        all,
        ...(group ? { group } : {}),
        ...(kind ? { kind } : {}),
        ...(reasonContains ? { reasonContains } : {}),
        reason: check(reason, get('reason'), verb, 'reason'),
        dryRun: flags.has('dry-run'),
        force: flags.has('force'),
      };
    }
    case 'bulk signal': {
      const input = get('input');
      let parsedInput: unknown;
      if (input !== undefined) {
        try {
          parsedInput = JSON.parse(input);
        } catch {
          throw new UsageError('--input takes the signal\'s argument as JSON.', verb);
        }
      }
      return {
        verb: 'bulk.signal',
        query: check(query, get('query'), verb, 'query'),
        reason: check(reason, get('reason'), verb, 'reason'),
        signal: check(z.string({ error: 'a --signal is required: the name of the signal to send' }).regex(/^[A-Za-z][A-Za-z0-9_-]{0,60}$/, 'takes a signal name'), get('signal'), verb, 'signal'),
        ...(input !== undefined ? { input: parsedInput } : {}),
        dryRun: flags.has('dry-run'),
      };
    }
    case 'bulk cancel':
    case 'bulk terminate':
      return { verb: verb === 'bulk cancel' ? 'bulk.cancel' : 'bulk.terminate', query: check(query, get('query'), verb, 'query'), reason: check(reason, get('reason'), verb, 'reason'), dryRun: flags.has('dry-run') };
    case 'keys status':
      // Every workflow the server still keeps, by default: a retired key must not be needed by any of them.
      return { verb: 'keys.status', query: values.has('query') ? check(query, get('query'), verb, 'query') : '', limit: check(count(10_000, 1_000_000), get('limit'), verb, 'limit') };
    case 'keys rewrap':
      return { verb: 'keys.rewrap', reason: check(reason, get('reason'), verb, 'reason') };
    case 'audit verify': {
      const stream = optional('stream', z.enum(AUDIT_STREAMS, { error: `takes one of ${AUDIT_STREAMS.join(', ')}` }));
      return { verb: 'audit.verify', streams: stream ? [stream] : [...AUDIT_STREAMS] };
    }
    case 'subject-access': {
      const reference = optional('reference', z.string().regex(/^[A-Za-z0-9_.:/-]{1,64}$/, 'takes an opaque reference: letters, digits and _ . : / - only'));
      return {
        verb: 'subject-access',
        personId: personIdOf(argument, verb),
        purpose: check(z.string().trim().min(3, 'the --purpose must say why in at least 3 characters').max(200), get('purpose') ?? 'subject access request (right of access)', verb, 'purpose'),
        ...(reference ? { reference } : {}),
        out: check(z.string().min(1), get('out') ?? DEFAULT_SUBJECT_ACCESS_DIR, verb, 'out'),
      };
    }
    default:
      return { verb: 'replay', query: check(query, get('query'), verb, 'query'), limit: check(count(100, 10_000), get('limit'), verb, 'limit') };
  }
}

function personIdOf(argument: string | undefined, verb: string): string {
  const parsed = personIdSchema.safeParse(argument);
  if (!parsed.success) throw new UsageError(`"${argument ?? ''}" is not a person id: it must be an opaque id like per_01J9ZQ4X7K3M2N8P6R5T.`, verb);
  return parsed.data;
}

function parseDurationFor(verb: string, text: string, option: string): number {
  try {
    return parseDuration(text, option);
  } catch (error) {
    throw new UsageError((error as Error).message, verb);
  }
}
