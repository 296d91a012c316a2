import { z } from 'zod';
import { CASE_READERS, type ConsoleRoute } from '../routes/console-route';
import { type QueueFilters, queueView } from '../view-models/queue-view';

const flag = z.enum(['true', 'false']).optional().catch(undefined);

/** The queue page's filters from its query string; an unknown value is dropped rather than refused, as a GET form may send anything. */
const filtersSchema = z.object({
  kind: z.enum(['readmission', 'eoi']).optional().catch(undefined),
  step: z.string().regex(/^[a-z-]{3,40}$/).optional().catch(undefined),
  onHold: flag,
  alert: z.enum(['escalated', 'target-breached']).optional().catch(undefined),
  reEntry: flag,
  pageToken: z.string().max(200).optional().catch(undefined),
});

/** The work queue: the person's team's cases waiting on a person, nearest deadline first. */
export function workQueueRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'get',
      path: '/work',
      access: { roles: CASE_READERS },
      handle: async (request, response, context) => {
        const filters = Object.fromEntries(Object.entries(filtersSchema.parse(request.query)).filter(([, value]) => value !== undefined)) as QueueFilters;
        const page = await context!.api.workQueue({ ...filters, pageSize: '25' } as Record<string, string>);
        response.render('pages/work-queue', { queue: queueView(page, filters), filters, liveRefresh: true });
      },
    },
  ];
}
