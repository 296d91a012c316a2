import { Module } from '@nestjs/common';
import { ManifestSweep } from './manifest-sweep.service';
import { ManifestsModule } from './manifests.module';

/** R9: the periodic manifest sweep; only the running app imports it, so tests drive the sweep with an explicit `now`. */
@Module({ imports: [ManifestsModule], providers: [ManifestSweep] })
export class ManifestSweepModule {}
