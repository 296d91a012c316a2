export { TransportAppModule } from './app.module';
