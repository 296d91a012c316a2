import { Registry } from 'prom-client';

/** The one registry of a process's prom-client metrics; the metrics listener serves it. */
export const metricsRegistry = new Registry();
