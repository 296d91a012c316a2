/** A payload could not be decrypted: unknown key id, malformed or tampered data. Never carries key material. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/** S4: the case's data key was destroyed by retention, so its payloads can never be decrypted again. */
export class DataKeyDestroyedError extends PayloadDecryptionError {
  constructor(
    readonly workflowId: string,
    readonly destroyedAt: string,
    readonly reason: string,
  ) {
    super(`the data key of workflow ${workflowId} was destroyed at ${destroyedAt} (${reason}): its payloads are unreadable by design (S4)`);
    this.name = 'DataKeyDestroyedError';
  }
}

/** A new payload cannot be written for a case whose key was destroyed (S4): the case is closed and shredded. */
export class DataKeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyUnavailableError';
  }
}
