import { runService } from '@oioo/service-kit';
import { TransportAppModule } from './app.module';

runService('transport', TransportAppModule);
