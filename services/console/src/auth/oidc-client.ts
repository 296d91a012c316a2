import { type PendingSignIn, PkceSignIn, type SignInTokens } from '@oioo/auth';
import { type ConsoleConfig, callbackUrl, signedOutUrl } from '../config/console-config';

export type { SignInTokens } from '@oioo/auth';

/** A callback that does not belong to the sign-in under way (replayed, forged, or an error from the provider). */
export class SignInFailedError extends Error {
  constructor(reason: string) {
    super(`sign-in failed: ${reason}`);
    this.name = 'SignInFailedError';
  }
}

/** What the console asks of its OpenID Connect provider: start a sign-in, complete it, and where to sign out. */
export interface SignInProvider {
  begin(returnTo: string): { url: string; pending: PendingSignIn };
  complete(query: Record<string, unknown>, pending: PendingSignIn | undefined): Promise<SignInTokens>;
  signOutUrl(idToken: string | undefined): string;
}

/**
 * The console's side of OpenID Connect: a public client of the provider (authorization code with PKCE, no
 * secret, libs/auth's PkceSignIn) asking for access tokens for the casework API's audience.
 */
export class ConsoleOidcClient implements SignInProvider {
  private constructor(
    private readonly signIn: PkceSignIn,
    private readonly config: ConsoleConfig,
  ) {}

  /** Discovers the provider (its metadata and JWKS location) once at start. */
  static async discover(config: ConsoleConfig): Promise<ConsoleOidcClient> {
    const signIn = await PkceSignIn.discover({ issuerUrl: config.issuerUrl, clientId: config.clientId, audience: config.audience, redirectUri: callbackUrl(config) });
    return new ConsoleOidcClient(signIn, config);
  }

  /** Starts a sign-in: the provider's authorization URL, and what the callback will check. */
  begin(returnTo: string): { url: string; pending: PendingSignIn } {
    return this.signIn.begin(returnTo);
  }

  /** Completes a sign-in from the callback's query, checked against the pending sign-in. */
  async complete(query: Record<string, unknown>, pending: PendingSignIn | undefined): Promise<SignInTokens> {
    if (!pending) throw new SignInFailedError('no sign-in was started in this browser session');
    try {
      return await this.signIn.complete(new URLSearchParams(query as Record<string, string>), pending);
    } catch (error) {
      throw new SignInFailedError(error instanceof Error ? error.message : 'the provider\'s answer could not be checked');
    }
  }

  /** Where to send someone to sign out at the provider too, then back to the console's signed-out page. */
  signOutUrl(idToken: string | undefined): string {
    return this.signIn.endSessionUrl(signedOutUrl(this.config), idToken);
  }
}
