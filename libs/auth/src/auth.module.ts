import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AUTH_CONFIG, PEOPLE_TOKENS, SERVICE_TOKENS } from './auth.tokens';
import { type AuthConfig, loadAuthConfig } from './auth-config';
import { ProblemDetailsFilter } from './problem-details.filter';
import { IssuerKeys, TokenVerifier } from './token-verifier';

/**
 * Deny-by-default access for a service: the global {@link AuthGuard} (every route declares who it
 * admits), verifiers for people's and services' tokens sharing one discovered key set, and problem
 * documents for every error. Configured from `OIDC_*`, failing fast on a bad variable.
 */
@Module({})
export class AuthModule {
  /** Registers the guard and the problem filter globally; `service` names the app in configuration errors. */
  static forRoot(options: { service: string; config?: AuthConfig }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_CONFIG, useFactory: () => options.config ?? loadAuthConfig(process.env, options.service) },
        { provide: IssuerKeys, useFactory: (config: AuthConfig) => new IssuerKeys(config.issuer, { cooldownMs: config.jwksCooldownSeconds * 1000 }), inject: [AUTH_CONFIG] },
        { provide: PEOPLE_TOKENS, useFactory: (keys: IssuerKeys, config: AuthConfig) => new TokenVerifier(keys, config.peopleAudience, config), inject: [IssuerKeys, AUTH_CONFIG] },
        { provide: SERVICE_TOKENS, useFactory: (keys: IssuerKeys, config: AuthConfig) => new TokenVerifier(keys, config.serviceAudience, config), inject: [IssuerKeys, AUTH_CONFIG] },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [AUTH_CONFIG, PEOPLE_TOKENS, SERVICE_TOKENS],
    };
  }
}
