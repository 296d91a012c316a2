import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionMisuseError } from './database.errors';
import { type Queryable, type QueryResult } from './database';

interface OpenTransaction {
  database: object;
  open: boolean;
}

const current = new AsyncLocalStorage<OpenTransaction>();

/**
 * Throws when called from inside a transaction callback of the same database. Such a call would run
 * outside the transaction; on PGlite it would wait for the transaction to end, which never comes.
 */
export function assertOutsideTransaction(database: object, operation: string): void {
  const transaction = current.getStore();
  if (transaction?.database === database && transaction.open) {
    throw new TransactionMisuseError(`${operation} was called inside a transaction callback; use the callback's tx argument instead`);
  }
}

/** Runs a transaction callback, marking the async context as inside a transaction of `database` until it ends. */
export async function runInTransactionScope<T>(database: object, fn: () => Promise<T>): Promise<T> {
  // A flag rather than only the context: work the callback started without awaiting keeps the context after the end.
  const transaction: OpenTransaction = { database, open: true };
  try {
    return await current.run(transaction, fn);
  } finally {
    transaction.open = false;
  }
}

/** Wraps a driver's transaction handle so it refuses work once the transaction is over (its connection may serve others by then). */
export function guardedTransaction(inner: Queryable): { tx: Queryable; end: () => void } {
  let open = true;
  const check = () => {
    if (!open) throw new TransactionMisuseError('This transaction has already ended; its tx can no longer be used');
  };
  return {
    tx: {
      query: async <Row extends object>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> => {
        check();
        return inner.query<Row>(sql, params);
      },
      exec: async (sql: string) => {
        check();
        await inner.exec(sql);
      },
    },
    end: () => {
      open = false;
    },
  };
}
