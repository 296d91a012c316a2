import { z } from 'zod';
import { parseConfig } from '@oioo/config';

/** Signing algorithms accepted when nothing is configured: asymmetric only, so `none` and HMAC secrets can never pass. */
const DEFAULT_ALGORITHMS = 'RS256,PS256,ES256';
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$/;

const authConfigSchema = z.object({
  /** The OpenID Connect issuer; its `.well-known/openid-configuration` names the JWKS. */
  OIDC_ISSUER_URL: z.url(),
  /** Audience of people's access tokens for the casework API. */
  OIDC_AUDIENCE: z.string().min(1).default('urn:oioo:casework'),
  /** Audience of service-to-service (client-credentials) access tokens. */
  OIDC_SERVICE_AUDIENCE: z.string().min(1).default('urn:oioo:services'),
  /** Comma-separated allow-list of JWS algorithms; only asymmetric ones are accepted. */
  OIDC_ALGORITHMS: z
    .string()
    .default(DEFAULT_ALGORITHMS)
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every((alg) => ASYMMETRIC.test(alg)), 'must list asymmetric JWS algorithms only, such as RS256,ES256'),
  /** Leeway for exp and nbf, for clocks that drift a little. */
  OIDC_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Least time between two fetches of the JWKS when a token names a key not yet seen (a rotation). */
  OIDC_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Where the roles sit in the access token; a dotted path for IdPs that nest them (`realm_access.roles`). */
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** Where the person's team or region sits in the access token. */
  OIDC_TEAM_CLAIM: z.string().min(1).default('team'),
});

/** How this process verifies the access tokens it is sent. */
export interface AuthConfig {
  issuer: string;
  peopleAudience: string;
  serviceAudience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  jwksCooldownSeconds: number;
  rolesClaim: string;
  teamClaim: string;
}

/** Parses the `OIDC_*` variables once at start; a missing or bad one stops the process naming it. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env, service = 'auth'): AuthConfig {
  const parsed = parseConfig(service, authConfigSchema, env);
  return {
    issuer: parsed.OIDC_ISSUER_URL,
    peopleAudience: parsed.OIDC_AUDIENCE,
    serviceAudience: parsed.OIDC_SERVICE_AUDIENCE,
    algorithms: parsed.OIDC_ALGORITHMS,
    clockToleranceSeconds: parsed.OIDC_CLOCK_TOLERANCE_SECONDS,
    jwksCooldownSeconds: parsed.OIDC_JWKS_COOLDOWN_SECONDS,
    rolesClaim: parsed.OIDC_ROLES_CLAIM,
    teamClaim: parsed.OIDC_TEAM_CLAIM,
  };
}
