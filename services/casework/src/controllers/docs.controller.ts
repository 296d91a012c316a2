import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, HttpStatus, Param, Res } from '@nestjs/common';
import { ProblemError, PublicRoute } from '@oioo/auth';
import { caseworkOpenApiDocument } from '../openapi/openapi-document';

interface DocsResponse {
  setHeader(name: string, value: string): void;
  end(body: string | Buffer): void;
}

/** The Swagger UI files served, by name; nothing else of the package is reachable. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'swagger-ui-standalone-preset.js': 'text/javascript',
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Casework API reference</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>`;

// Loaded as a file rather than inline, so the page's CSP can forbid inline scripts.
const START = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout', persistAuthorization: false });`;

/** The interactive reference at /docs (Swagger UI from the npm package, served by this service) and the OpenAPI document. */
@Controller()
export class DocsController {
  private readonly document = JSON.stringify(caseworkOpenApiDocument());
  private readonly assetsDir = dirname(require.resolve('swagger-ui-dist/package.json'));

  @Get('api/v1/openapi.json')
  @PublicRoute('the API description says what the API is, never what it holds')
  openapi(@Res() response: DocsResponse): void {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(this.document);
  }

  @Get('docs')
  @PublicRoute('the interactive reference is static; calls made from it carry their own token')
  page(@Res() response: DocsResponse): void {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    // Swagger UI sets style attributes, hence 'unsafe-inline' for styles only; scripts come from this origin.
    response.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'");
    response.end(PAGE);
  }

  @Get('docs/start.js')
  @PublicRoute('static script of the interactive reference')
  start(@Res() response: DocsResponse): void {
    response.setHeader('content-type', 'text/javascript; charset=utf-8');
    response.end(START);
  }

  @Get('docs/assets/:file')
  @PublicRoute('static files of the interactive reference')
  asset(@Param('file') file: string, @Res() response: DocsResponse): void {
    const type = ASSETS[file];
    if (!type) throw new ProblemError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'no such file');
    response.setHeader('content-type', `${type}; charset=utf-8`);
    response.setHeader('cache-control', 'public, max-age=3600');
    response.end(readFileSync(join(this.assetsDir, file)));
  }
}
