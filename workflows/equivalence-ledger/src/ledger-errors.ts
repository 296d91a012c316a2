import { ApplicationFailure } from '@temporalio/common';
import { LedgerErrorCode, LedgerRefusalError } from '@oioo/domain';

/** Why a command on the ledger was refused; the failure's `type`, so callers can branch on it. The ledger's rules own the codes. */
export { LedgerErrorCode };

/** Refuses a command with a code and a sentence a caseworker can read; never retried. */
export function reject(code: LedgerErrorCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** Runs a rule, turning its refusal into the workflow's typed failure (other errors are bugs and go up as they are). */
export function refusalsAsFailures<Result>(run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof LedgerRefusalError) reject(error.code, error.message);
    throw error;
  }
}
