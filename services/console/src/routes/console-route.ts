import type { Request, Response } from 'express';
import { type CaseworkApi } from '../casework/casework-api';
import { type SignedInPerson } from '../session/console-session';
import { type ConsoleRole } from '../steps/step-forms';

/** What a signed-in route's handler gets: the verified person and the casework API as them. */
export interface SignedInContext {
  person: SignedInPerson;
  api: CaseworkApi;
}

/** Who a route admits: the roles it names, or anyone, with the reason a route may be public. */
export type RouteAccess = { roles: readonly ConsoleRole[] } | { public: string };

/** One route of the console. Every route says who it admits: a route without access cannot be written. */
export interface ConsoleRoute {
  method: 'get' | 'post';
  path: string;
  access: RouteAccess;
  handle(request: Request, response: Response, context: SignedInContext | undefined): Promise<void>;
}

/** Every role, for routes any signed-in person may use (sign out, say). */
export const ANY_ROLE: readonly ConsoleRole[] = ['caseworker', 'senior-caseworker', 'liaison-officer', 'ledger-officer', 'sre', 'auditor'];
/** Roles that read cases and work queues, as the casework API admits them. */
export const CASE_READERS: readonly ConsoleRole[] = ['caseworker', 'senior-caseworker', 'liaison-officer', 'sre', 'auditor'];
/** Roles that read the ledger. */
export const LEDGER_READERS: readonly ConsoleRole[] = ['ledger-officer', 'senior-caseworker', 'sre', 'auditor'];

/** True when the person holds one of the roles. */
export function admits(roles: readonly ConsoleRole[], person: SignedInPerson): boolean {
  return roles.some((role) => person.roles.includes(role));
}

/** The page a person lands on after signing in, by what they do. */
export function homeOf(person: SignedInPerson): string {
  if (admits(['caseworker', 'senior-caseworker', 'liaison-officer', 'sre'], person)) return '/work';
  if (person.roles.includes('ledger-officer')) return '/ledger';
  if (person.roles.includes('auditor')) return '/audit';
  return '/work';
}
