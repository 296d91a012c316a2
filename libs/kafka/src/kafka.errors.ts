import { describeProblems, type FieldProblem } from './zod-issues';

/** An event was refused before sending because it does not match its topic's schema; nothing was sent. */
export class EventValidationError extends Error {
  constructor(
    readonly topic: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(`Refusing to publish an invalid ${topic} event: ${describeProblems(problems)}`);
    this.name = 'EventValidationError';
  }
}

/**
 * A message could neither be handled nor dead-lettered. It propagates to the transport so the offset
 * stays uncommitted and the message is delivered again, rather than being dropped.
 */
export class DeadLetterError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    cause: unknown,
  ) {
    super(
      `Could not dead-letter ${topic} partition ${partition} offset ${offset}; it will be delivered again: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'DeadLetterError';
  }
}

/**
 * A handler refuses an event for a business reason (a reply to a request never sent, say): retrying
 * cannot help, so the consumer dead-letters it at once with kind `rejected` and this message as the
 * reason. The message must be a sentence about the case, never a copy of personal data.
 */
export class EventRejectedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'EventRejectedError';
  }
}
