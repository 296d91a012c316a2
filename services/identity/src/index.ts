export { IdentityAppModule } from './app.module';
export { teamFor } from './teams/team-allocation';
export { DEFAULT_LEGAL_ROUTE_TEAMS, DEFAULT_READMISSION_TEAMS } from './config/identity-config';
