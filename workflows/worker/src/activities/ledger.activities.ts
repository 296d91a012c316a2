import { Topics } from '@oioo/contracts';
import { type EventProducer } from '@oioo/kafka';
import type { LedgerActivities } from '@oioo/workflows-equivalence-ledger';
import { nameBasedUuid } from './name-based-uuid';

/** What the ledger's activities need: a producer on the platform's Kafka cluster. */
export interface LedgerActivityDependencies {
  producer: EventProducer;
}

/** Q3: the event id of one pilot's report for one ISO week; the same on every retry, so consumers drop repeats. */
export function weeklyReportEventId(pilotId: string, isoWeek: string): string {
  return nameBasedUuid(`${Topics.weeklyReportPublished.name}/${pilotId}/${isoWeek}`);
}

/** The equivalence ledger's activities: publishing each finished ISO week's report for the joint committee (Q3). */
export function createLedgerActivities({ producer }: LedgerActivityDependencies): LedgerActivities {
  return {
    publishWeeklyReport: async (report) => {
      // Connected on first use (shared afterwards), so the worker starts and serves other queues while Kafka is away; a failed connect is retried by Temporal.
      await producer.connect();
      await producer.publish(Topics.weeklyReportPublished, {
        subject: report.pilotId,
        source: 'oioo-platform',
        data: report,
        occurredAt: report.publishedAt,
        eventId: weeklyReportEventId(report.pilotId, report.isoWeek),
      });
    },
  };
}
