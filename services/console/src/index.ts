export { createConsoleApp, consoleRoutes, type ConsoleDependencies } from './app/create-app';
export { ConsoleOidcClient } from './auth/oidc-client';
export { loadConsoleConfig, callbackUrl, signedOutUrl, type ConsoleConfig } from './config/console-config';
export { STEP_FORMS, type StepForm } from './steps/step-forms';
