import { DEFAULT_RETENTION_POLICY, RETENTION_CATALOGUE, RETENTION_CLASSES, retentionCutoff, retentionPolicyEnvSchema } from './retention-policy';
import { isoDurationMs } from './iso-duration';

const DAY_MS = 86_400_000;

describe('retention policy (S4)', () => {
  it('S4: reads ISO-8601 durations, a year as 365 days and a month as 30', () => {
    expect(isoDurationMs('P90D')).toBe(90 * DAY_MS);
    expect(isoDurationMs('P2Y')).toBe(730 * DAY_MS);
    expect(isoDurationMs('P1M2W')).toBe(44 * DAY_MS);
    expect(isoDurationMs('PT30S')).toBe(30_000);
    expect(isoDurationMs('P1DT1H1M1.5S')).toBe(DAY_MS + 3_661_500);
    for (const bad of ['', 'P', 'PT', '90D', 'P-1D', 'P1.5D', 'P1H', 'forever']) expect(isoDurationMs(bad)).toBeUndefined();
  });

  it('S4: every class has a default period, overridable by its own variable', () => {
    expect(DEFAULT_RETENTION_POLICY['dead-letters']).toEqual({ iso: 'P90D', ms: 90 * DAY_MS });
    expect(DEFAULT_RETENTION_POLICY['biometric-templates'].iso).toBe('P2Y');
    const policy = retentionPolicyEnvSchema.parse({ RETENTION_CONSULTATION_LOGS: 'PT5S', RETENTION_DEAD_LETTERS: '' });
    expect(policy['consultation-logs']).toEqual({ iso: 'PT5S', ms: 5000 });
    expect(policy['dead-letters'].iso).toBe('P90D');
    expect(new Set(RETENTION_CLASSES.map((name) => RETENTION_CATALOGUE[name].variable)).size).toBe(RETENTION_CLASSES.length);
  });

  it('S4: a bad period is an issue naming its variable', () => {
    const result = retentionPolicyEnvSchema.safeParse({ RETENTION_ENROLMENTS: 'one year', RETENTION_DEAD_LETTERS: 'PT0S' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['RETENTION_DEAD_LETTERS', 'RETENTION_ENROLMENTS']);
    expect(result.error?.issues[0]?.message).toMatch(/ISO-8601 duration/);
  });

  it('S4: the cutoff is the period before asOf', () => {
    expect(retentionCutoff(DEFAULT_RETENTION_POLICY, 'dead-letters', new Date('2026-04-01T00:00:00Z')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
