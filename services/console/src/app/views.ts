import { dirname, join } from 'node:path';
import type { Express } from 'express';
import nunjucks from 'nunjucks';

/** Where GOV.UK Frontend's files are: its Nunjucks macros, stylesheet, script and assets. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** The console's own templates. */
export const VIEWS_DIR = join(__dirname, '..', 'views');

/** Nunjucks over the console's templates and GOV.UK Frontend's components, escaping everything by default. */
export function configureViews(app: Express): nunjucks.Environment {
  const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_FRONTEND_DIST], { noCache: false }), { autoescape: true });
  environment.addGlobal('serviceName', 'One in, one out casework');
  environment.express(app);
  app.set('view engine', 'njk');
  app.set('views', VIEWS_DIR);
  return environment;
}
