import { HttpException, HttpStatus } from '@nestjs/common';

/** The media type of every error this platform's HTTP APIs answer with (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One field a request got wrong. */
export interface ProblemFieldError {
  /** Dotted path of the field in the body or query (`reasons`, `evidence.0`), or `(body)`. */
  field: string;
  message: string;
}

/**
 * An RFC 9457 problem document. `code` is the stable value callers branch on (`INVALID_TOKEN`,
 * `SAME_PERSON_APPROVAL`, ...); `detail` is a sentence for a person, never holding personal data.
 */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemFieldError[];
}

/** The problem type URI of an error code: a URN, so it names the problem without promising a page. */
export function problemType(code: string): string {
  return `urn:oioo:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The problem document of a status, a code and a sentence, as every API of the platform renders it. */
export function problemOf(status: number, code: string, detail: string): ProblemDocument {
  return { type: problemType(code), title: titleOf(status), status, detail, code };
}

/** A refusal rendered as a problem document by {@link ProblemDetailsFilter}. */
export class ProblemError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    detail: string,
    readonly fieldErrors?: ProblemFieldError[],
    /** Extra response headers, such as `WWW-Authenticate` on a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, status);
  }

  /** The document this error answers with. */
  toProblem(): ProblemDocument {
    return { ...problemOf(this.getStatus(), this.code, this.message), ...(this.fieldErrors && this.fieldErrors.length > 0 ? { errors: this.fieldErrors } : {}) };
  }
}

/** The HTTP reason phrase of a status, as the problem's title. */
export function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word, index) => (index === 0 ? word[0]?.toUpperCase() + word.slice(1) : word))
    .join(' ');
}
