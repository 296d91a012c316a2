/** One dependency a service needs to be healthy (the broker, the Temporal frontend, its database). */
export interface HealthIndicator {
  readonly name: string;
  /** True when the dependency answers; never throws. */
  isHealthy(): boolean | Promise<boolean>;
}

/** Injection token for the list of a service's health indicators. */
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

/** What GET /health answers. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  service: string;
  checks: Record<string, 'up' | 'down'>;
}

/** Runs every indicator and sums them up: degraded as soon as one dependency is down. */
export async function buildHealthReport(service: string, indicators: readonly HealthIndicator[]): Promise<HealthReport> {
  const results = await Promise.all(indicators.map(async (indicator) => [indicator.name, await indicator.isHealthy()] as const));
  const checks = Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'] as const));
  return { status: results.every(([, up]) => up) ? 'ok' : 'degraded', service, checks };
}
