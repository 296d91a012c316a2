import { z } from 'zod';
import { CASE_READERS, type ConsoleRoute, type SignedInContext } from '../routes/console-route';
import { eoiCaseView, readmissionCaseView } from '../view-models/case-view';

/** Why an auditor reads a case: the API requires it of them and records it with the read (S3). */
const purposeSchema = z.string().trim().min(3).max(200);

/** The purpose a read carries: an auditor's from the query (undefined until they give one), nobody else's. */
function purposeOf(query: unknown, context: SignedInContext): { needed: boolean; purpose?: string } {
  if (!context.person.roles.includes('auditor')) return { needed: false };
  const parsed = purposeSchema.safeParse((query as Record<string, unknown>)['purpose']);
  return parsed.success ? { needed: false, purpose: parsed.data } : { needed: true };
}

/** The readmission and EOI case pages. The API decides who may see which case and logs each read (S3). */
export function caseRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'get',
      path: '/cases/readmission/:caseId',
      access: { roles: CASE_READERS },
      handle: async (request, response, context) => {
        const { needed, purpose } = purposeOf(request.query, context!);
        if (needed) return response.render('pages/purpose', { action: request.path });
        const view = await context!.api.readmissionCase(String(request.params['caseId']), purpose);
        response.render('pages/case', { caseView: readmissionCaseView(view, context!.person.roles), purpose, liveRefresh: true });
      },
    },
    {
      method: 'get',
      path: '/cases/eoi/:eoiId',
      access: { roles: ['caseworker', 'senior-caseworker', 'sre', 'auditor'] },
      handle: async (request, response, context) => {
        const { needed, purpose } = purposeOf(request.query, context!);
        if (needed) return response.render('pages/purpose', { action: request.path });
        const view = await context!.api.eoiCase(String(request.params['eoiId']), purpose);
        response.render('pages/case', { caseView: eoiCaseView(view, context!.person.roles), purpose, liveRefresh: true });
      },
    },
  ];
}
