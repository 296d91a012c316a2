import { type ExecutionContext, HttpStatus, createParamDecorator } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.guard';
import { ProblemError } from './problem-details';
import type { PersonCaller, ServiceCaller } from './verified-caller';

/** The verified person calling a `@RolesAllowed` route; a route that somehow has none answers 401, never runs anonymously. */
export const CurrentPerson = createParamDecorator((_data: unknown, context: ExecutionContext): PersonCaller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (caller?.kind !== 'person') throw new ProblemError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'this route needs a person\'s access token');
  return caller;
});

/** The verified platform process calling a `@ServicesAllowed` route. */
export const CurrentService = createParamDecorator((_data: unknown, context: ExecutionContext): ServiceCaller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (caller?.kind !== 'service') throw new ProblemError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'this route needs a service access token');
  return caller;
});
