/** A schema name was refused because it is interpolated into SQL and must be a plain lowercase identifier. */
export class SchemaNameError extends Error {
  constructor(readonly schema: string) {
    super(`Schema name ${JSON.stringify(schema)} is not allowed: use lowercase letters, digits and underscores, starting with a letter (at most 63 characters)`);
    this.name = 'SchemaNameError';
  }
}

/** The database was used after `close()`. */
export class DatabaseClosedError extends Error {
  constructor(readonly schema: string) {
    super(`The ${schema} database connection is closed`);
    this.name = 'DatabaseClosedError';
  }
}

/** The database was used the wrong way around a transaction: from inside its callback, or through a finished `tx`. */
export class TransactionMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransactionMisuseError';
  }
}

/** A service's migrations folder has a badly named file, a duplicate or missing version, or cannot be read. */
export class MigrationFileError extends Error {
  constructor(
    readonly dir: string,
    problem: string,
  ) {
    super(`Migrations in ${dir}: ${problem}`);
    this.name = 'MigrationFileError';
  }
}

/** Migrating a schema stopped: a migration failed, or an applied one no longer matches its file. Names the file. */
export class MigrationError extends Error {
  constructor(
    readonly schema: string,
    /** The migration file concerned, e.g. `0002_add_index.sql`. */
    readonly migration: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Schema ${schema}, migration ${migration}: ${message}`, options);
    this.name = 'MigrationError';
  }
}
