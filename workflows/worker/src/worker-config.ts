import { z } from 'zod';
import { ConfigError, listVariable } from '@oioo/config';
import { DEFAULT_PILOT_ID, type RetentionPolicy, periodSchema, pilotIdSchema, retentionPolicyEnvSchema } from '@oioo/contracts';
import { DEFAULT_LEDGER_POLICY, type LedgerPolicy, ledgerPolicyOf, ledgerPolicyProblems } from '@oioo/domain';
import { type KafkaConfig, kafkaConfigSchema } from '@oioo/kafka';

/** The ledger's policy overrides as the worker passes them: only what is set; the ledger fills in the rest when it opens. */
export type LedgerPolicyOverrides = Partial<LedgerPolicy>;

/** The pilot whose ledger the worker ensures at start-up, and the policy it opens with. */
export interface LedgerSettings {
  pilotId: string;
  policy: LedgerPolicyOverrides;
}

/** An optional variable where an empty value (common in `.env` files) counts as unset. */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/** A whole number of places; its range is the ledger policy's to judge (`ledgerPolicyProblems`), so the rule lives in one place. */
const wholeNumberVariable = z
  .string()
  .trim()
  .regex(/^-?[0-9]+$/, 'must be a whole number')
  .transform(Number);

/** ISO 3166-1 alpha-3 codes, comma-separated; each bad entry is named. */
const nationalitiesVariable = listVariable.superRefine((codes, context) => {
  const bad = codes.filter((code) => !/^[A-Za-z]{3}$/.test(code));
  if (bad.length > 0) context.addIssue({ code: 'custom', message: `must list ISO 3166-1 alpha-3 codes such as ERI,SDN; not ${bad.join(', ')}` });
});

/** Which variable sets each field `ledgerPolicyProblems` may name, so its sentences point at the variable to fix. */
const POLICY_VARIABLES: readonly [field: string, variable: string][] = [
  ['tolerance', 'LEDGER_TOLERANCE'],
  ['weeklyCap', 'LEDGER_WEEKLY_CAP'],
  ['autoPauseImbalance', 'LEDGER_AUTO_PAUSE_IMBALANCE'],
  ['priority.nationalities', 'LEDGER_PRIORITY_NATIONALITIES'],
  ['timeCompression', 'LEDGER_TIME_COMPRESSION'],
];

/** Settings of the worker process beyond the shared `TEMPORAL_*` and `KAFKA_*` ones. */
const workerSettingsSchema = z
  .object({
    /** A workflow bundle built ahead of time (`nx run worker:bundle`); without it the worker bundles at start. */
    WORKER_WORKFLOW_BUNDLE: z.string().min(1).optional(),
    /** Base URLs of the services whose APIs the activities call. */
    IDENTITY_URL: z.url().default('http://127.0.0.1:3101'),
    LEGAL_REVIEW_URL: z.url().default('http://127.0.0.1:3102'),
    TRANSPORT_URL: z.url().default('http://127.0.0.1:3103'),
    /** casework: its retention sweep and its data-key vault (S4). */
    CASEWORK_URL: z.url().default('http://127.0.0.1:3104'),
    /** S4: how often the retention-sweep Schedule runs (an ISO-8601 duration); daily by default. */
    RETENTION_SWEEP_INTERVAL: z.preprocess((value) => (value === undefined || value === '' ? 'P1D' : value), periodSchema),
    /** How often the worker checks the ledger for a task diverged on replay and resets past it (an ISO-8601 duration, or `off`); every 30 s by default. */
    LEDGER_DIVERGENCE_CHECK: z.preprocess((value) => (value === undefined || value === '' ? 'PT30S' : value), z.union([z.literal('off'), periodSchema])),
    /** The pilot whose ledger this worker ensures; every service and worker must name the same one. */
    PILOT_ID: optional(pilotIdSchema),
    /** Q2 (policy): places admissions plus grants outstanding may run ahead of readmissions; default 0. */
    LEDGER_TOLERANCE: optional(wholeNumberVariable),
    /** Q2 (policy): places released in one ISO week, at most; default 50. */
    LEDGER_WEEKLY_CAP: optional(wholeNumberVariable),
    /** Q4 (policy): intake pauses by itself past this imbalance; unset switches auto-pause off. */
    LEDGER_AUTO_PAUSE_IMBALANCE: optional(wholeNumberVariable),
    /** E6 (policy): nationalities that go first among held EOIs; none by default. */
    LEDGER_PRIORITY_NATIONALITIES: optional(nationalitiesVariable),
    /** Demonstration only: the ledger's clock runs this many times faster; keep 1 in production. */
    LEDGER_TIME_COMPRESSION: optional(
      z.coerce.number({ message: 'must be a number, 1 or more' }).refine((value) => Number.isFinite(value) && value >= 1, 'must be a number, 1 or more'),
    ),
  })
  .transform(({ PILOT_ID, LEDGER_TOLERANCE, LEDGER_WEEKLY_CAP, LEDGER_AUTO_PAUSE_IMBALANCE, LEDGER_PRIORITY_NATIONALITIES, LEDGER_TIME_COMPRESSION, ...rest }, context) => {
    // Only what is set goes to the ledger, which fills in the RULES.md defaults when it opens.
    const policy: LedgerPolicyOverrides = {
      ...(LEDGER_TOLERANCE === undefined ? {} : { tolerance: LEDGER_TOLERANCE }),
      ...(LEDGER_WEEKLY_CAP === undefined ? {} : { weeklyCap: LEDGER_WEEKLY_CAP }),
      ...(LEDGER_AUTO_PAUSE_IMBALANCE === undefined ? {} : { autoPauseImbalance: LEDGER_AUTO_PAUSE_IMBALANCE }),
      // A whole `priority` replaces the default one, so the UK-link rule is carried over as it is.
      ...(LEDGER_PRIORITY_NATIONALITIES === undefined
        ? {}
        : { priority: { ...DEFAULT_LEDGER_POLICY.priority, nationalities: LEDGER_PRIORITY_NATIONALITIES.map((code) => code.toUpperCase()) } }),
      ...(LEDGER_TIME_COMPRESSION === undefined || LEDGER_TIME_COMPRESSION === 1 ? {} : { timeCompression: LEDGER_TIME_COMPRESSION }),
    };
    for (const problem of ledgerPolicyProblems(ledgerPolicyOf(policy))) {
      const variable = POLICY_VARIABLES.find(([field]) => problem.startsWith(field))?.[1] ?? 'LEDGER_*';
      context.addIssue({ code: 'custom', path: [variable], message: `ledger policy: ${problem}` });
    }
    const ledger: LedgerSettings = { pilotId: PILOT_ID ?? DEFAULT_PILOT_ID, policy };
    return { ...rest, ledger };
  });

/** Parsed worker settings, with the Kafka connection the ledger's report is published on and the retention policy (S4). */
export type WorkerConfig = z.output<typeof workerSettingsSchema> & { kafka: KafkaConfig; retention: RetentionPolicy };

/** Parses the worker's settings and its `KAFKA_*` ones together, failing fast with every bad variable named in one message. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const settings = workerSettingsSchema.safeParse(env);
  const kafka = kafkaConfigSchema.safeParse(env);
  const retention = retentionPolicyEnvSchema.safeParse(env);
  if (settings.success && kafka.success && retention.success) return { ...settings.data, kafka: kafka.data, retention: retention.data };
  const issues = [...(settings.error?.issues ?? []), ...(kafka.error?.issues ?? []), ...(retention.error?.issues ?? [])];
  throw new ConfigError(
    'worker',
    issues.map((issue) => ({ variable: issue.path.map(String).join('.') || '(environment)', problem: issue.message })),
  );
}
