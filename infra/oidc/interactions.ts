import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import type { Logger } from '@oioo/config';
import { LOGIN_FIELDS, PAGE_CSP, loginPage, messagePage } from './login-page';
import { PERSON_CLIENT_IDS } from './oidc-contract';
import { LOCAL_PASSWORD, personByUsername } from './seeded-people';

/** Where the provider sends the browser to sign in; the configuration's `interactions.url` points here. */
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/login|\/abort)?$/;

/** The largest login form body read; anything bigger is refused rather than buffered. */
const MAX_FORM_BYTES = 8 * 1024;

const firstPartyClients: readonly string[] = PERSON_CLIENT_IDS;

/** True when the password is the local one, compared in constant time so the check does not leak by timing. */
export function passwordMatches(given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(LOCAL_PASSWORD));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store' });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

/**
 * Serves `/interaction/<uid>`: the login form (GET), its submission (POST .../login) and cancelling
 * (POST .../abort). Consent is given automatically, because every client that signs people in here is
 * the platform's own; the grant covers exactly the scopes and audience the client asked for.
 * Returns false for any other path, so the caller passes the request on to the provider.
 */
export function interactionRoutes(provider: Provider, log: Logger): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', 'http://local').pathname);
    if (!match) return false;
    const [, uid, action] = match;
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      send(res, 400, messagePage('Sign-in expired', ['This sign-in is no longer in progress (it expired, or the provider restarted). Start again from the application.']));
      return true;
    }
    if (interaction.uid !== uid) {
      send(res, 400, messagePage('Sign-in mismatch', ['This page belongs to another sign-in. Start again from the application.']));
      return true;
    }
    const clientId = String(interaction.params['client_id']);
    const paths = { action: `/interaction/${uid}/login`, abortAction: `/interaction/${uid}/abort`, clientName: clientId };

    if (req.method === 'GET' && action === undefined) {
      if (interaction.prompt.name === 'login') send(res, 200, loginPage(paths));
      else if (interaction.prompt.name === 'consent' && firstPartyClients.includes(clientId)) await consent(provider, interaction, req, res);
      else send(res, 400, messagePage('Cannot continue', [`The provider asked for "${interaction.prompt.name}", which this local provider does not offer.`]));
      return true;
    }
    if (req.method === 'POST' && action === '/abort') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the person cancelled the sign-in' }, { mergeWithLastSubmission: false });
      return true;
    }
    if (req.method === 'POST' && action === '/login' && interaction.prompt.name === 'login') {
      const form = await readForm(req);
      const username = (form.get(LOGIN_FIELDS.username) ?? '').trim().toLowerCase();
      const person = personByUsername(username);
      if (!person || !passwordMatches(form.get(LOGIN_FIELDS.password) ?? '')) {
        // Only the opaque staff id is logged, never what was typed.
        log.warn('sign-in refused', { client: clientId, sub: person?.sub ?? '(unknown username)' });
        send(res, 401, loginPage({ ...paths, username, error: 'Wrong username or password. Check them and try again.' }));
        return true;
      }
      log.info('signed in', { client: clientId, sub: person.sub });
      await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
      return true;
    }
    send(res, 405, messagePage('Not allowed', [`${req.method ?? 'This request'} is not accepted here.`]));
    return true;
  };
}

/** Saves a grant of what the consent prompt found missing, then lets the provider carry on to the client. */
async function consent(provider: Provider, interaction: Interaction, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const accountId = interaction.session?.accountId;
  const clientId = String(interaction.params['client_id']);
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const details = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
