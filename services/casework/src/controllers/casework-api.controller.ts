import { Controller, Get, Post, Req, Res, type Type } from '@nestjs/common';
import { RolesAllowed } from '@oioo/auth';
import { PROBLEM_CONTENT_TYPE } from '@oioo/auth';
import { type ApiRoute, expressPath } from '../api/api-route';
import { type ApiRequest, ApiHandlers } from './api-handlers';

/** What the controller writes to of an Express response. */
interface ApiResponse {
  status(code: number): ApiResponse;
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/**
 * The controller of the whole API, built from the route catalogue: one handler method per route, with
 * its path, HTTP method and `@RolesAllowed` policy taken from the catalogue. The catalogue is therefore
 * the one place that says what a route is, who it admits, what it parses and (in OpenAPI) what it answers.
 */
export function buildCaseworkApiController(routes: readonly ApiRoute[]): Type<unknown> {
  @Controller()
  class CaseworkApiController {
    constructor(readonly handlers: ApiHandlers) {}
  }
  const prototype = CaseworkApiController.prototype as unknown as Record<string, unknown>;
  for (const route of routes) {
    const handler = async function (this: CaseworkApiController, request: ApiRequest, response: ApiResponse): Promise<void> {
      const answer = await this.handlers.handle(route, request);
      const problem = answer.status >= 400;
      response.status(answer.status);
      response.setHeader('content-type', `${problem ? PROBLEM_CONTENT_TYPE : 'application/json'}; charset=utf-8`);
      if (answer.replayed) response.setHeader('idempotent-replayed', 'true');
      response.end(JSON.stringify(answer.body));
    };
    Object.defineProperty(handler, 'name', { value: route.operationId });
    prototype[route.operationId] = handler;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, route.operationId) as PropertyDescriptor;
    (route.method === 'GET' ? Get : Post)(expressPath(route))(prototype, route.operationId, descriptor);
    RolesAllowed(...route.roles)(prototype, route.operationId, descriptor);
    Req()(prototype, route.operationId, 0);
    Res()(prototype, route.operationId, 1);
  }
  return CaseworkApiController;
}
