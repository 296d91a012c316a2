import { z } from 'zod';
import { parseConfig, portVariable } from '@oioo/config';

/** Where a process serves its metrics, and how often it refreshes the figures it reads from elsewhere (lag, case counts). */
export interface MetricsConfig {
  /** The metrics listener's port; unset, the process serves no metrics and reads nothing for them. */
  port?: number;
  /** The address the metrics listener binds: loopback by default, the pod's internal address in a cluster. */
  host: string;
  /** Seconds between two reads of consumer lag and business gauges; never per scrape. */
  refreshSeconds: number;
}

const schema = z.object({
  METRICS_PORT: z.preprocess((value) => (value === '' ? undefined : value), portVariable.optional()),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  METRICS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
});

/** Parses the `METRICS_*` variables; a bad one stops the process naming it. */
export function loadMetricsConfig(env: Record<string, string | undefined> = process.env): MetricsConfig {
  const parsed = parseConfig('metrics', schema, env);
  return { ...(parsed.METRICS_PORT === undefined ? {} : { port: parsed.METRICS_PORT }), host: parsed.METRICS_HOST, refreshSeconds: parsed.METRICS_REFRESH_SECONDS };
}
