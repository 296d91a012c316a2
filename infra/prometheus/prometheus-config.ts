import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackProfile } from '../stack/stack-profile';

/** The scrape configuration's template and the alert rules, kept beside this file. */
export const PROMETHEUS_TEMPLATE = join(__dirname, 'prometheus.template.yml');
/** The alert rules Prometheus loads; their tests are in alert-rules.test.yml. */
export const ALERT_RULES = join(__dirname, 'alert-rules.yml');

/** A process of the `services` job: its name (the `component` label) and its metrics port. */
export interface ServiceTarget {
  component: string;
  port: number;
}

/** How often the local Prometheus scrapes and evaluates rules (15 s by default, shorter in tests), and which services it scrapes (all five by default). */
export interface PrometheusConfigOptions {
  scrapeInterval?: string;
  services?: readonly ServiceTarget[];
}

/** Every service of a stack with its metrics port. */
export function serviceTargetsOf(profile: StackProfile): ServiceTarget[] {
  const { metrics } = profile;
  return [
    { component: 'identity', port: metrics.identity },
    { component: 'legal-review', port: metrics.legalReview },
    { component: 'transport', port: metrics.transport },
    { component: 'casework', port: metrics.casework },
    { component: 'console', port: metrics.console },
  ];
}

/** The template filled with a profile's ports: every metrics listener of the stack plus Prometheus itself. */
export function prometheusConfigText(profile: StackProfile, options: PrometheusConfigOptions = {}): string {
  const values: Record<string, string> = {
    scrape_interval: options.scrapeInterval ?? '15s',
    stack: profile.name,
    rules_file: ALERT_RULES,
    temporal_server_port: String(profile.temporal.metricsPort),
    worker_port: String(profile.metrics.worker),
    service_targets: (options.services ?? serviceTargetsOf(profile))
      .map(({ component, port }) => `      - targets: ['127.0.0.1:${port}']\n        labels: { component: ${component} }`)
      .join('\n'),
    prometheus_port: String(profile.prometheus),
  };
  return readFileSync(PROMETHEUS_TEMPLATE, 'utf8').replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prometheus.template.yml names {{${name}}}, which the stack does not fill`);
    return value;
  });
}

/** Writes the filled configuration into the profile's data folder and returns its path. */
export function writePrometheusConfig(profile: StackProfile, options: PrometheusConfigOptions = {}): string {
  const dir = join(profile.dataDir, 'prometheus');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'prometheus.yml');
  writeFileSync(file, prometheusConfigText(profile, options));
  return file;
}
