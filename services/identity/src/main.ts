import { runService } from '@oioo/service-kit';
import { IdentityAppModule } from './app.module';

runService('identity', IdentityAppModule);
