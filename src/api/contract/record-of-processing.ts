import { z } from 'zod';
import { calendarDate } from './common';

/** The Art. 30 record of processing activities, as a table: the ICO template's columns, one row per purpose. */
export const recordOfProcessing = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** The company's calendar date the record was drawn from the registry. */
  generatedOn: calendarDate,
});
export type RecordOfProcessing = z.infer<typeof recordOfProcessing>;
