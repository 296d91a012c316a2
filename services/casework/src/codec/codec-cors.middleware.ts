import { HttpStatus, Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, problemOf } from '@oioo/auth';
import { CODEC_SERVER_CONFIG, type CodecServerConfig } from './codec-config';

/** What the middleware reads of a request and writes to a response (Express's). */
interface CorsRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}
interface CorsResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body?: string): void;
}

/** The headers the Web UI sends to a codec server: its token (`passAccessToken`) and ID token, and the namespace. */
const ALLOWED_HEADERS = 'Authorization, Authorization-Extras, Content-Type, X-Namespace';

/**
 * CORS for the codec routes: the configured Web UI origins only, preflight included. A granted origin may
 * send credentials (the UI's `includeCredentials`) and the headers the UI sends; any other origin gets no
 * grant at all, so a page elsewhere cannot read what the codec answers even with the person's token.
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  private readonly origins: ReadonlySet<string>;

  constructor(@Inject(CODEC_SERVER_CONFIG) config: CodecServerConfig) {
    this.origins = new Set(config.corsOrigins);
  }

  use(request: CorsRequest, response: CorsResponse, next: () => void): void {
    const origin = typeof request.headers['origin'] === 'string' ? request.headers['origin'] : undefined;
    const granted = origin !== undefined && this.origins.has(origin);
    response.setHeader('Vary', 'Origin');
    if (granted) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (request.method !== 'OPTIONS') return next();
    if (!granted) {
      response.statusCode = HttpStatus.FORBIDDEN;
      response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
      response.end(JSON.stringify(problemOf(HttpStatus.FORBIDDEN, 'ORIGIN_NOT_ALLOWED', 'this origin may not call the codec server from a browser')));
      return;
    }
    response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', '600');
    response.statusCode = HttpStatus.NO_CONTENT;
    response.end();
  }
}
