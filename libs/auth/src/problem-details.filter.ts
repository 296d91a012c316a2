import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { createLogger } from '@oioo/config';
import { PROBLEM_CONTENT_TYPE, type ProblemDocument, ProblemError, problemOf } from './problem-details';

/** Minimal view of Express's response, so this lib needs no Express types. */
interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

const CODE_OF_STATUS: Partial<Record<number, string>> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

const GENERIC_DETAIL: Partial<Record<number, string>> = {
  400: 'the request is malformed: its body is not valid JSON, or a parameter is wrong',
  404: 'there is no such route',
  405: 'the route does not take this method',
  413: 'the request body is larger than this API accepts',
  415: 'the request body must be JSON',
};

/**
 * Renders every error as an RFC 9457 problem document. A {@link ProblemError} speaks for itself; a
 * NestJS or service error keeps its status and code; anything unexpected is a 500 whose detail says
 * nothing of the cause (the log has it, without request bodies).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = createLogger('http').child({ feature: 'problems' });

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (response.headersSent) return;
    // No `instance`: the path can hold what the caller typed (a name where an id belongs), and a problem document repeats nothing of the request.
    const { problem, headers } = this.toProblem(exception);
    response.status(problem.status);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.end(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): { problem: ProblemDocument; headers: Record<string, string> } {
    if (exception instanceof ProblemError) return { problem: exception.toProblem(), headers: exception.headers };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const own = typeof body === 'object' && body !== null ? (body as { code?: unknown; message?: unknown }) : {};
      const code = typeof own.code === 'string' ? own.code : (CODE_OF_STATUS[status] ?? `HTTP_${status}`);
      // A service's own refusal speaks in its own words; NestJS's (a JSON parse error, an unknown route) would repeat the request, so they get a plain sentence.
      const detail = typeof own.code === 'string' && typeof own.message === 'string' ? own.message : (GENERIC_DETAIL[status] ?? 'the request was refused');
      if (status >= 500) this.logger.error('request failed', { status, code });
      return { problem: problemOf(status, code, detail), headers: {} };
    }
    // body-parser's errors (too large, malformed JSON) carry a status and a type but are no HttpException.
    const parserError = exception as { status?: unknown; type?: unknown };
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500 && typeof parserError.type === 'string') {
      const status = parserError.status;
      const detail = parserError.type === 'entity.too.large' ? 'the request body is larger than this API accepts' : 'the request body is not valid JSON';
      const code = CODE_OF_STATUS[status] ?? `HTTP_${status}`;
      return { problem: problemOf(status, code, detail), headers: {} };
    }
    this.logger.error('unexpected error', { error: exception instanceof Error ? exception.name : typeof exception, message: exception instanceof Error ? exception.message : undefined });
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return { problem: problemOf(status, 'INTERNAL', 'something went wrong on our side; nothing was changed by this request unless its answer says so'), headers: {} };
  }
}
