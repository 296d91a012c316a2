/** Injection token of the parsed {@link AuthConfig}. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
/** Injection token of the verifier for people's access tokens. */
export const PEOPLE_TOKENS = Symbol('PEOPLE_TOKENS');
/** Injection token of the verifier for service-to-service access tokens. */
export const SERVICE_TOKENS = Symbol('SERVICE_TOKENS');
