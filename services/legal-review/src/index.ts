export { LegalReviewAppModule } from './app.module';
