import { z } from 'zod';
import { pilotIdSchema } from '../ids';

const count = z.number().int().min(0);

/** Q3: the balance of one ISO week, published once the week is over, for the joint committee. */
export const weeklyReportPublishedDataSchema = z.object({
  pilotId: pilotIdSchema.describe('The pilot; also the Kafka key.'),
  isoWeek: z.string().regex(/^[0-9]{4}-W[0-9]{2}$/).describe('The ISO week reported (`2026-W10`), on the pilot clock.'),
  from: z.iso.datetime({ offset: true }).describe('Monday 00:00 UTC of the week (pilot clock).'),
  to: z.iso.datetime({ offset: true }).describe('Monday 00:00 UTC of the week after.'),
  readmissions: count.describe('Readmissions counted since the pilot began, at the end of the week (Q1).'),
  admissions: count.describe('Admissions counted since the pilot began, at the end of the week (Q1, E8).'),
  grantsOutstanding: count.describe('Places granted and neither used nor returned, at the end of the week (E7).'),
  eoisHeld: count.describe('EOIs waiting for places at the end of the week (E6).'),
  placesHeld: count.describe('Places those EOIs wait for.'),
  imbalance: z.number().int().describe('Admissions + grants outstanding - readmissions at the end of the week (Q3).'),
  week: z
    .object({ readmissions: count, admissions: count, placesReleased: count, placesReturned: count })
    .describe('Movements within the week: readmissions and admissions counted, places released (E6) and returned (Q6).'),
  cap: count.describe('The week’s cap on releases (Q2).'),
  publishedAt: z.iso.datetime({ offset: true }).describe('When the report was published.'),
});

/** Data of a weekly-report-published event. */
export type WeeklyReportPublishedData = z.infer<typeof weeklyReportPublishedDataSchema>;
