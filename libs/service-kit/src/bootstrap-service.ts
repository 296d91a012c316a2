import 'reflect-metadata';
import { type INestApplication, type LoggerService, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import { createLogger, parseConfig, portVariable } from '@oioo/config';
import { httpMetricsMiddleware, loadMetricsConfig, startMetricsEndpoint, startTracing } from '@oioo/observability';

/** HTTP settings every service reads: where it listens. */
const httpConfigSchema = z.object({
  HTTP_PORT: portVariable,
  HTTP_HOST: z.string().default('127.0.0.1'),
});

/** Routes NestJS's own log lines into the platform's JSON logger. */
function nestLogger(service: string): LoggerService {
  const logger = createLogger(service);
  return {
    log: (message: unknown) => logger.info(String(message)),
    warn: (message: unknown) => logger.warn(String(message)),
    error: (message: unknown, trace?: unknown) => logger.error(String(message), trace ? { trace: String(trace) } : undefined),
    debug: (message: unknown) => logger.debug(String(message)),
    verbose: (message: unknown) => logger.debug(String(message)),
  };
}

/**
 * Boots a service: parses its HTTP and metrics settings (failing fast on a bad variable), switches traces
 * on when an OTLP endpoint is configured, enables the shutdown hooks that let Kafka consumers finish
 * in-flight messages on SIGTERM, counts every request, starts listening, and serves its metrics on
 * `METRICS_PORT` when set (a listener of its own, not a route of the API).
 */
export async function bootstrapService(service: string, appModule: Type<unknown>, env = process.env): Promise<INestApplication> {
  const http = parseConfig(service, httpConfigSchema, env);
  const metrics = loadMetricsConfig(env);
  startTracing(service, env);
  // abortOnError off: a failing provider (a bad variable, say) rejects here, and runService reports it once, plainly.
  const app = await NestFactory.create(appModule, { logger: nestLogger(service), abortOnError: false });
  app.enableShutdownHooks();
  app.use(httpMetricsMiddleware());
  await app.listen(http.HTTP_PORT, http.HTTP_HOST);
  await startMetricsEndpoint(service, metrics);
  createLogger(service).info('listening', { url: `http://${http.HTTP_HOST}:${http.HTTP_PORT}` });
  return app;
}

/** Runs a service's bootstrap as its process entry point, exiting with a readable message when start-up fails. */
export function runService(service: string, appModule: Type<unknown>): void {
  bootstrapService(service, appModule).catch((error: unknown) => {
    process.stderr.write(`${service}: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
