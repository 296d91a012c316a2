/** Which source of a subject-access export: one of the services, or the case histories in Temporal. */
export type SubjectAccessSourceName = 'identity' | 'legal-review' | 'transport' | 'case histories';

/**
 * A source did not give its part of the export: it did not answer within the bound (`timeout`), could not be
 * reached or answered an error (`unavailable`), or answered something that breaks its contract (`contract`).
 * The request then fails whole: an export that silently lacks a source would tell the person less than is held.
 */
export class SourceFailure extends Error {
  constructor(
    readonly source: SubjectAccessSourceName,
    readonly kind: 'timeout' | 'unavailable' | 'contract',
    message: string,
  ) {
    super(message);
    this.name = 'SourceFailure';
  }
}

/**
 * Runs `work` with an abort signal that fires after `ms`; a rejection after that, or `work` still running then,
 * is a {@link SourceFailure} of kind `timeout`, whether or not `work` heeds the signal.
 */
export async function withinBound<T>(source: SubjectAccessSourceName, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SourceFailure(source, 'timeout', `${source} did not answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof SourceFailure)) throw new SourceFailure(source, 'timeout', `${source} did not answer within ${ms} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
