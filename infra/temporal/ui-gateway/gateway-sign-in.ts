import { PkceSignIn } from '@oioo/auth';
import type { UiGatewayConfig } from './gateway-config';

/** The gateway's redirect URI at the provider. */
export function gatewayCallbackUrl(config: Pick<UiGatewayConfig, 'publicUrl'>): string {
  return new URL('/auth/callback', config.publicUrl).toString();
}

/**
 * The gateway's side of OpenID Connect: a public client of the provider (authorization code with PKCE, libs/auth's
 * PkceSignIn) asking access tokens for the casework audience, which the codec server accepts.
 */
export function discoverGatewaySignIn(config: UiGatewayConfig): Promise<PkceSignIn> {
  return PkceSignIn.discover({ issuerUrl: config.issuerUrl, clientId: config.clientId, audience: config.audience, redirectUri: gatewayCallbackUrl(config) });
}
