import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@oioo/service-kit';

/** The legal-review service: inadmissibility reviews, legal challenges and the holds they put on cases. Its features arrive with the readmission issue; today it serves /health. */
@Module({
  imports: [ServicePlatformModule.forRoot({ service: 'legal-review', consumesEvents: false })],
})
export class LegalReviewAppModule {}
