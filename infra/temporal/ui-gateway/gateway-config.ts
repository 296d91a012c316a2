import { z } from 'zod';
import { parseConfig, portVariable } from '@oioo/config';

/** The Temporal Web UI gateway's settings, parsed once at start. */
export interface UiGatewayConfig {
  /** Where the gateway listens: the address people open the Web UI at. */
  port: number;
  host: string;
  /** The address people reach the gateway at; its origin makes the OIDC redirect URI and decides whether cookies are `Secure`. */
  publicUrl: URL;
  /** The Temporal Web UI server the gateway stands in front of (the dev server's UI on its own port). */
  uiBackendUrl: string;
  /** The codec server (the casework service's `/codec`), called with the signed-in person's access token. */
  codecUrl: string;
  /** The casework API, asked who the person is after sign-in (`/api/v1/me`). */
  caseworkApiUrl: string;
  /** The OpenID Connect provider people sign in at. */
  issuerUrl: string;
  /** The gateway's public client at the provider (authorization code with PKCE, no secret). */
  clientId: string;
  /** The audience the gateway asks access tokens for: the casework API's, which serves the codec. */
  audience: string;
}

const schema = z.object({
  UI_GATEWAY_PORT: portVariable,
  UI_GATEWAY_HOST: z.string().default('127.0.0.1'),
  UI_GATEWAY_PUBLIC_URL: z.url().optional(),
  TEMPORAL_UI_BACKEND_URL: z.url(),
  CODEC_SERVER_URL: z.url(),
  CASEWORK_API_URL: z.url(),
  OIDC_ISSUER_URL: z.url(),
  OIDC_TEMPORAL_UI_CLIENT_ID: z.string().min(1).default('temporal-ui'),
  OIDC_AUDIENCE: z.string().min(1).default('urn:oioo:casework'),
});

const withoutSlash = (url: string) => url.replace(/\/$/, '');

/** Parses the gateway's variables; a missing or bad one stops the process naming it. */
export function loadUiGatewayConfig(env: NodeJS.ProcessEnv = process.env): UiGatewayConfig {
  const parsed = parseConfig('temporal-ui', schema, env);
  return {
    port: parsed.UI_GATEWAY_PORT,
    host: parsed.UI_GATEWAY_HOST,
    publicUrl: new URL(parsed.UI_GATEWAY_PUBLIC_URL ?? `http://${parsed.UI_GATEWAY_HOST}:${parsed.UI_GATEWAY_PORT}`),
    uiBackendUrl: withoutSlash(parsed.TEMPORAL_UI_BACKEND_URL),
    codecUrl: withoutSlash(parsed.CODEC_SERVER_URL),
    caseworkApiUrl: withoutSlash(parsed.CASEWORK_API_URL),
    issuerUrl: parsed.OIDC_ISSUER_URL,
    clientId: parsed.OIDC_TEMPORAL_UI_CLIENT_ID,
    audience: parsed.OIDC_AUDIENCE,
  };
}
