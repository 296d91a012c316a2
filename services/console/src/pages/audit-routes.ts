import { z } from 'zod';
import { type ConsoleRoute } from '../routes/console-route';
import { formatDateTime } from '../view-models/format';

/** The auditor's search: a purpose (the API records it), and optionally one case or one person. */
const searchSchema = z.object({
  purpose: z.string().trim().min(3).max(200),
  caseId: z.string().trim().max(64).optional().transform((value) => value || undefined),
  actorId: z.string().trim().max(64).optional().transform((value) => value || undefined),
  before: z.string().regex(/^\d{1,18}$/).optional().catch(undefined),
});

/** The consultation log (S3): who read which case's personal data, when and why. */
export function auditRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'get',
      path: '/audit',
      access: { roles: ['auditor'] },
      handle: async (request, response, context) => {
        const search = searchSchema.safeParse(request.query);
        if (!search.success) return response.render('pages/audit', { search: request.query, askPurpose: true, submitted: 'purpose' in request.query });
        const query = Object.fromEntries(Object.entries(search.data).filter(([, value]) => value !== undefined)) as Record<string, string>;
        const page = await context!.api.consultations({ ...query, limit: '50' });
        response.render('pages/audit', {
          search: search.data,
          entries: page.items.map((entry) => ({ ...entry, at: formatDateTime(entry.at), href: `/cases/${entry.caseKind === 'eoi' ? 'eoi' : 'readmission'}/${encodeURIComponent(entry.caseId)}?${new URLSearchParams({ purpose: search.data.purpose })}` })),
          ...(page.nextBefore ? { nextHref: `/audit?${new URLSearchParams({ ...query, before: page.nextBefore })}` } : {}),
        });
      },
    },
  ];
}
