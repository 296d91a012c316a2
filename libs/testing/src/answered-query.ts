import { type Client, isGrpcDeadlineError } from '@temporalio/client';

/** How long one query may go unanswered before it is asked again; a query is read-only, so asking twice is harmless. */
const QUERY_ATTEMPT_MS = 3_000;
const QUERY_ATTEMPTS = 5;

/**
 * Asks a workflow query, and asks again if it goes unanswered. The Java time-skipping test server can leave
 * a query that reaches a run just as it continues as new unanswered, and the call would then wait for ever
 * (CI timed out on it). Asked again, the query reaches the new run.
 */
export async function queryAnswered<Result>(client: Client, ask: () => Promise<Result>): Promise<Result> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await client.withDeadline(Date.now() + QUERY_ATTEMPT_MS, ask);
    } catch (error) {
      if (!isGrpcDeadlineError(error) || attempt >= QUERY_ATTEMPTS) throw error;
    }
  }
}
