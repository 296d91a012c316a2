export { CaseworkAppModule } from './app.module';
export { API_ROUTES, STEP_ROUTES, READ_ROUTES, OPERATIONS_ROUTES, type StepRoute } from './api/routes';
export { type ApiRoute, expressPath } from './api/api-route';
export { caseworkOpenApiDocument } from './openapi/openapi-document';
export { ACCESS_MATRIX, type Reach } from './access/access-matrix';
export { renderAccessMatrixMarkdown } from './access/access-matrix-markdown';
export { waitingStepOf } from './cases/deadlines';
