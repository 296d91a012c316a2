import { runService } from '@oioo/service-kit';
import { CaseworkAppModule } from './app.module';

runService('casework', CaseworkAppModule);
