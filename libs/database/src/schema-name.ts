import { SchemaNameError } from './database.errors';

/** Schema names the platform accepts: they are interpolated into SQL, so only plain lowercase identifiers. */
export const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Returns the name when it is a valid schema name; otherwise throws a {@link SchemaNameError}. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new SchemaNameError(schema);
  return schema;
}

/** The schema as a quoted SQL identifier, so reserved words such as `user` work too. */
export function quotedSchema(schema: string): string {
  return `"${assertSchemaName(schema)}"`;
}
