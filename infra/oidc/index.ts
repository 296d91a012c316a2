/** What the rest of the repository (tests, the stack scripts) uses of the local OpenID Connect provider. */
export { ROLES, type Role, type SeededPerson, SEEDED_PEOPLE, LOCAL_PASSWORD, STAFF_ID_PATTERN, personBySub, personByUsername } from './seeded-people';
export {
  CASEWORK_AUDIENCE,
  SERVICES_AUDIENCE,
  CASEWORK_SCOPE,
  SERVICES_SCOPE,
  CONSOLE_CLIENT_ID,
  CLI_CLIENT_ID,
  CLI_REDIRECT_URI,
  TEMPORAL_UI_CLIENT_ID,
  PERSON_SCOPE,
  SERVICE_CLIENT_IDS,
  type ServiceClientId,
} from './oidc-contract';
export { type PkceLoginOptions, type PersonTokens, type ProviderMetadata, type ClientCredentialsOptions, LoginRefusedError, discover, loginWithPkce, clientCredentialsToken } from './pkce-login';
export { type ClientSecrets, clientSecretFrom, readClientSecrets } from './client-secrets';
export { rotateSigningKeys } from './signing-keys';
export { oidcIssuerUrl, oidcDiscoveryUrl, oidcDataDir, oidcClientsFile, oidcEnvironment, serviceClientEnvironment, consoleUrl, consoleRedirectUri, consolePostLogoutUri, temporalUiUrl, temporalUiRedirectUri, startOidcProvider } from './oidc-stack';
