import { Module } from '@nestjs/common';
import { MovementsModule } from '../movements/movements.module';
import { ManifestNotifier } from './manifest-notifier.service';
import { ManifestsRepository } from './manifests.repository';

/** R9: manifests to France, sent when due by whoever changes a movement's passengers. */
@Module({ imports: [MovementsModule], providers: [ManifestsRepository, ManifestNotifier], exports: [ManifestNotifier] })
export class ManifestsModule {}
