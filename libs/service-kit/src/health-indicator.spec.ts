import { buildHealthReport, type HealthIndicator } from './health-indicator';

const indicator = (name: string, up: boolean): HealthIndicator => ({ name, isHealthy: async () => up });

describe('health report', () => {
  it('is ok when every dependency is up', async () => {
    await expect(buildHealthReport('identity', [indicator('kafka', true), indicator('temporal', true)])).resolves.toEqual({
      status: 'ok',
      service: 'identity',
      checks: { kafka: 'up', temporal: 'up' },
    });
  });

  it('is degraded and names the dependency that is down', async () => {
    const report = await buildHealthReport('transport', [indicator('kafka', false), indicator('temporal', true)]);
    expect(report.status).toBe('degraded');
    expect(report.checks).toEqual({ kafka: 'down', temporal: 'up' });
  });
});
