import { type Database } from '@oioo/database';
import { type ConsoleRoute } from '../routes/console-route';

/** /health for the stack and load balancers: up when the session database answers. */
export function healthRoutes(db: Database): ConsoleRoute[] {
  return [
    {
      method: 'get',
      path: '/health',
      access: { public: 'load balancers and the stack probe it without signing in' },
      handle: async (_request, response) => {
        const healthy = await db.isHealthy();
        response.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'error', info: { database: { status: healthy ? 'up' : 'down' } } });
      },
    },
  ];
}
