import { z } from 'zod';

/** A TCP port given as an environment variable. */
export const portVariable = z.coerce.number().int().min(1).max(65535);

/** A boolean given as `true`/`false`/`1`/`0` in an environment variable (z.coerce.boolean would take "false" as true). */
export const booleanVariable = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true, false, 1 or 0' })
  .transform((value) => value === 'true' || value === '1');

/** A comma-separated list in an environment variable. */
export const listVariable = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));
