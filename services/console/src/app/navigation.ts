import type { NextFunction, Request, Response } from 'express';
import { CASE_READERS, LEDGER_READERS, admits } from '../routes/console-route';

/** The service navigation for the signed-in person: only what their roles open, the current page marked. */
export function navigation(request: Request, response: Response, next: NextFunction): void {
  const person = request.session.person;
  response.locals['person'] = person;
  if (person) {
    const items = [
      ...(admits(CASE_READERS, person) ? [{ href: '/work', text: 'Work queue' }] : []),
      ...(admits(LEDGER_READERS, person) ? [{ href: '/ledger', text: 'Ledger' }] : []),
      ...(person.roles.includes('auditor') ? [{ href: '/audit', text: 'Consultation log' }] : []),
    ];
    response.locals['navigation'] = items.map((item) => ({ ...item, active: request.path === item.href || request.path.startsWith(`${item.href}/`) }));
  }
  next();
}
