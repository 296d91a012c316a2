import { z } from 'zod';
import { parseConfig } from '@oioo/config';

/** The two ways the platform stores data: PGlite (PostgreSQL compiled to WebAssembly, in-process) or a PostgreSQL server. */
export const databaseDrivers = ['pglite', 'postgres'] as const;

/** A driver accepted in `DATABASE_DRIVER`. */
export type DatabaseDriver = (typeof databaseDrivers)[number];

/** Storage settings of a service, parsed from the `DATABASE_*` variables. */
export type DatabaseConfig =
  | {
      driver: 'pglite';
      /** Folder PGlite keeps its files in; absent means an in-memory database that is lost when the process ends. */
      dataDir?: string;
    }
  | {
      driver: 'postgres';
      /** `postgres://user:password@host:port/database`; may carry libpq options such as `?sslmode=require`. */
      url: string;
      /** Most connections this process holds open at once. */
      poolMax: number;
    };

/** An optional variable where an empty value (common in `.env` files) counts as unset. */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/** A postgres:// or postgresql:// URL; the message never repeats the value, which may hold a password. */
const postgresUrl = z.string().refine((value) => {
  if (!/^postgres(ql)?:\/\//.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}, 'must be a postgres:// URL such as postgres://user:password@host:5432/database');

/** The `DATABASE_*` environment variables and how they become a {@link DatabaseConfig}. */
export const databaseConfigSchema = z
  .object({
    DATABASE_DRIVER: optional(z.enum(databaseDrivers, { message: `must be one of ${databaseDrivers.join(', ')}` })).transform((value) => value ?? 'pglite'),
    DATABASE_URL: optional(postgresUrl),
    DATABASE_DIR: optional(z.string()),
    DATABASE_POOL_MAX: optional(z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1).max(1000)).transform((value) => value ?? 10),
  })
  .superRefine((env, context) => {
    if (env.DATABASE_DRIVER === 'postgres' && env.DATABASE_URL === undefined) {
      context.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when DATABASE_DRIVER is postgres' });
    }
  })
  .transform((env): DatabaseConfig => {
    if (env.DATABASE_DRIVER === 'postgres') return { driver: 'postgres', url: env.DATABASE_URL ?? '', poolMax: env.DATABASE_POOL_MAX };
    return env.DATABASE_DIR === undefined ? { driver: 'pglite' } : { driver: 'pglite', dataDir: env.DATABASE_DIR };
  });

/** Parses the `DATABASE_*` variables once at boot; a missing or bad one throws a `ConfigError` naming it. */
export function loadDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  return parseConfig('database', databaseConfigSchema, env);
}
