import { join } from 'node:path';
import { caseworkOpenApiDocument, renderAccessMatrixMarkdown } from '@oioo/casework';
import { REPO_ROOT } from '../stack/repo-paths';
import { buildAsyncApiDocument } from './asyncapi';
import { renderIntegrationSurfaceMarkdown } from './integration-surface-markdown';
import { integrationSurface } from './surface-model';

/** A committed file generated from the contracts. */
export interface GeneratedDoc {
  /** Path from the repository root, with forward slashes. */
  path: string;
  absolutePath: string;
  content: string;
}

/** The committed documents, as the contracts say they should read now. */
export function generatedDocs(): GeneratedDoc[] {
  const doc = (path: string, content: string): GeneratedDoc => ({ path, absolutePath: join(REPO_ROOT, ...path.split('/')), content });
  return [
    doc('docs/asyncapi.json', `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`),
    doc('docs/integration-surface.md', renderIntegrationSurfaceMarkdown(integrationSurface())),
    doc('docs/openapi.json', `${JSON.stringify(caseworkOpenApiDocument(), null, 2)}\n`),
    doc('docs/casework-access-matrix.md', renderAccessMatrixMarkdown()),
  ];
}
