export { IdentityAppModule } from './app.module';
