import { runService } from '@oioo/service-kit';
import { LegalReviewAppModule } from './app.module';

runService('legal-review', LegalReviewAppModule);
