import { join } from 'node:path';
import express, { type Express } from 'express';
import { type Logger } from '@oioo/config';
import { type Database } from '@oioo/database';
import { httpMetricsMiddleware } from '@oioo/observability';
import { authRoutes } from '../auth/auth-routes';
import { type SignInProvider } from '../auth/oidc-client';
import { type ConsoleConfig } from '../config/console-config';
import { auditRoutes } from '../pages/audit-routes';
import { caseRoutes } from '../pages/case-routes';
import { healthRoutes } from '../pages/health-routes';
import { ledgerRoutes } from '../pages/ledger-routes';
import { workQueueRoutes } from '../pages/work-queue-routes';
import { type ConsoleRoute } from '../routes/console-route';
import { mountRoutes } from '../routes/mount-routes';
import { csrfProtection } from '../session/csrf';
import { sessionMiddleware } from '../session/session-middleware';
import { stepRoutes } from '../steps/step-routes';
import { errorPages } from './error-pages';
import { navigation } from './navigation';
import { securityHeaders } from './security-headers';
import { GOVUK_FRONTEND_DIST, configureViews } from './views';

/** What the console runs on. */
export interface ConsoleDependencies {
  config: ConsoleConfig;
  db: Database;
  oidc: SignInProvider;
  logger: Logger;
}

/** Every route of the console; each declares who it admits. */
export function consoleRoutes(deps: ConsoleDependencies): ConsoleRoute[] {
  return [
    ...healthRoutes(deps.db),
    ...authRoutes(deps.oidc, deps.config.caseworkApiUrl, deps.logger),
    ...workQueueRoutes(),
    ...caseRoutes(),
    ...stepRoutes(),
    ...ledgerRoutes(),
    ...auditRoutes(),
  ];
}

/**
 * The console as an Express app: security headers, GOV.UK Frontend's assets, sessions, CSRF on every
 * form, the routes (deny by default), and error pages for everything they cannot serve.
 */
export function createConsoleApp(deps: ConsoleDependencies): Express {
  const { config } = deps;
  const https = config.publicUrl.protocol === 'https:';
  const app = express();
  app.disable('x-powered-by');
  app.use(httpMetricsMiddleware());
  // Behind TLS the console sits behind a proxy that terminates it; the proxy's X-Forwarded-Proto makes cookies Secure.
  if (https) app.set('trust proxy', 1);
  configureViews(app);
  app.use(securityHeaders({ https, issuerOrigin: new URL(config.issuerUrl).origin }));
  const assets = { immutable: false, maxAge: '1h', index: false } as const;
  app.use('/assets', express.static(join(GOVUK_FRONTEND_DIST, 'govuk', 'assets'), assets));
  app.get('/stylesheets/govuk-frontend.min.css', (_request, response) => response.sendFile(join(GOVUK_FRONTEND_DIST, 'govuk', 'govuk-frontend.min.css')));
  app.get('/javascripts/govuk-frontend.min.js', (_request, response) => response.sendFile(join(GOVUK_FRONTEND_DIST, 'govuk', 'govuk-frontend.min.js')));
  app.use('/console', express.static(join(__dirname, '..', 'public'), assets));
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));
  app.use(sessionMiddleware({ db: deps.db, secret: config.sessionSecret, secure: https, idleMinutes: config.sessionIdleMinutes }));
  app.use(csrfProtection);
  app.use(navigation);
  mountRoutes(app, consoleRoutes(deps), config.caseworkApiUrl);
  app.use((_request, response) => response.status(404).render('pages/not-found'));
  app.use(errorPages(deps.logger));
  return app;
}
