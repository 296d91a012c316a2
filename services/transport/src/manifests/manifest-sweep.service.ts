import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@oioo/config';
import { TRANSPORT_CONFIG, type TransportConfig } from '../config/transport-config';
import { ManifestNotifier, errorName } from './manifest-notifier.service';

/** How often the sweep runs in real time; divided by the demonstration compression, never below a second. */
const SWEEP_INTERVAL_MS = 30_000;
const MIN_SWEEP_INTERVAL_MS = 1_000;

/**
 * R9: runs the manifest sweep on an interval from application bootstrap until shutdown, one sweep at
 * a time. Stopped in onModuleDestroy, before the producer and the database close, and waits for a
 * sweep in flight.
 */
@Injectable()
export class ManifestSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = createLogger('transport').child({ feature: 'manifest-sweep' });
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Milliseconds between sweeps. */
  readonly intervalMs: number;

  constructor(
    @Inject(ManifestNotifier) private readonly notifier: ManifestNotifier,
    @Inject(TRANSPORT_CONFIG) config: TransportConfig,
  ) {
    this.intervalMs = Math.max(MIN_SWEEP_INTERVAL_MS, Math.round(SWEEP_INTERVAL_MS / config.timeCompression));
  }

  /** Starts sweeping: once now, then on every interval. */
  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweep(), this.intervalMs);
    this.sweep();
    this.logger.info('manifest sweep started', { intervalMs: this.intervalMs });
  }

  /** Stops sweeping and waits for the sweep in flight. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private sweep(): void {
    if (this.running) return;
    this.running = this.notifier
      .notifyDueManifests(new Date())
      .then((report) => {
        const sent = Object.values(report.outcomes).filter((outcome) => outcome === 'sent').length;
        if (sent > 0 || report.departed > 0) this.logger.info('manifest sweep', { sent, departed: report.departed });
      })
      .catch((error: unknown) => this.logger.error('manifest sweep failed; the next one retries', { error: errorName(error) }))
      .finally(() => {
        this.running = undefined;
      });
  }
}
