import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createLogger } from '@oioo/config';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';
import { AUTH_CONFIG, PEOPLE_TOKENS, SERVICE_TOKENS } from './auth.tokens';
import type { AuthConfig } from './auth-config';
import { personFromClaims, serviceFromClaims } from './caller-claims';
import { ProblemError } from './problem-details';
import { InvalidTokenError, IssuerUnavailableError, type TokenVerifier } from './token-verifier';
import type { VerifiedCaller } from './verified-caller';

/** What the guard leaves on the request for handlers (`@CurrentCaller()`). */
export interface AuthenticatedRequest {
  caller?: VerifiedCaller;
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  url?: string;
}

const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;

/**
 * The global guard: every route declares an {@link AccessPolicy} or is refused. It verifies the bearer
 * token for the audience the policy names, then checks the role or client. Every refusal is a problem
 * document that says no more than the category (RFC 6750's `WWW-Authenticate` on a 401).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = createLogger('auth').child({ feature: 'guard' });

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(PEOPLE_TOKENS) private readonly people: TokenVerifier,
    @Inject(SERVICE_TOKENS) private readonly services: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!policy) {
      // Deny by default: a route someone forgot to declare is closed, and says so in the log for its developer.
      this.logger.error('route refused: it declares no access policy', { route: `${context.getClass().name}.${context.getHandler().name}` });
      throw new ProblemError(HttpStatus.FORBIDDEN, 'NO_ACCESS_POLICY', 'this route admits no one: it declares no access policy');
    }
    if (policy.kind === 'public') return true;
    const token = bearerToken(request);
    const claims = await this.verify(policy.kind === 'people' ? this.people : this.services, token);
    if (policy.kind === 'people') {
      const person = personFromClaims(claims, this.config);
      if (!person.roles.some((role) => policy.roles.includes(role))) {
        throw new ProblemError(HttpStatus.FORBIDDEN, 'FORBIDDEN', `this needs one of the roles ${policy.roles.join(', ')}`);
      }
      request.caller = person;
      return true;
    }
    const service = serviceFromClaims(claims);
    if (policy.clients !== 'any' && !policy.clients.includes(service.clientId)) {
      throw new ProblemError(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'this client may not call this route');
    }
    request.caller = service;
    return true;
  }

  private async verify(verifier: TokenVerifier, token: string) {
    try {
      return await verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        this.logger.info('token refused', { reason: error.reason });
        throw unauthorized('INVALID_TOKEN', 'the access token is not valid here', 'invalid_token');
      }
      if (error instanceof IssuerUnavailableError) {
        this.logger.warn('identity provider unavailable', { error: error.message });
        throw new ProblemError(HttpStatus.SERVICE_UNAVAILABLE, 'ISSUER_UNAVAILABLE', 'tokens cannot be checked just now; try again shortly');
      }
      throw error;
    }
  }
}

function bearerToken(request: AuthenticatedRequest): string {
  const header = request.headers['authorization'];
  if (header === undefined) throw unauthorized('UNAUTHENTICATED', 'this route needs a bearer access token');
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  if (!match?.[1]) throw unauthorized('INVALID_TOKEN', 'the access token is not valid here', 'invalid_request');
  return match[1];
}

function unauthorized(code: string, detail: string, error?: string): ProblemError {
  return new ProblemError(HttpStatus.UNAUTHORIZED, code, detail, undefined, { 'www-authenticate': error ? `Bearer error="${error}"` : 'Bearer' });
}
