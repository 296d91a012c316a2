import { ROLES } from '@oioo/auth';
import { API_ROUTES } from '../api/routes';
import { ACCESS_MATRIX, type Reach } from './access-matrix';

const CELL: Record<Reach, string> = { team: 'own team', all: 'all cases', yes: 'yes', none: '—' };

/** docs/casework-access-matrix.md: the route × role table the matrix test checks the running API against. */
export function renderAccessMatrixMarkdown(): string {
  const header = `| Route | ${ROLES.join(' | ')} |\n|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = API_ROUTES.map((route) => `| \`${route.method} ${route.path}\` | ${ROLES.map((role) => CELL[ACCESS_MATRIX[route.operationId]?.[role] ?? 'none']).join(' | ')} |`);
  return [
    '# Casework API: who may call what',
    '',
    'Generated from `services/casework/src/access/access-matrix.ts` by `npm run docs`; the matrix test in',
    '`test/e2e/casework-access.scenarios.ts` checks the running API against every cell, with real tokens',
    'from the OIDC provider, on a case of the caller\'s own team and one of another team.',
    '',
    '- **own team**: the role may act on or read cases of its own team; another team\'s case answers 404, exactly as a case that does not exist.',
    '- **all cases**: every case the route serves (liaison officers: readmission cases only; SREs see cases redacted: state, deadlines and alerts, never names, reasons or evidence).',
    '- **yes**: a route that is not about one case.',
    '- **—**: 403 `FORBIDDEN`. Without a valid token every route answers 401; a route that declares no policy answers 403 `NO_ACCESS_POLICY` to everyone.',
    '',
    header,
    ...rows,
    '',
  ].join('\n');
}
