import { z } from 'zod';
import { consentPurpose } from './consent';
import { calendarDate, instant } from './common';
import { attentionReasons } from './processors';

const count = z.number().int().nonnegative();

/**
 * What needs someone today, counted by the API. A section is null when the caller's role may not see
 * it (support agents see their own requests and grants instead of the officers' queues).
 */
export const dashboardSummary = z.object({
  asOf: instant,
  /** Open deletion requests past their deadline, and due within 7 calendar days (the overdue included). */
  deletions: z.object({ overdue: count, dueWithin7Days: count }).nullable(),
  supportAccess: z
    .object({
      awaitingApproval: count,
      /** When the longest-waiting pending request was made. */
      oldestAwaitingSince: instant.nullable(),
      endingWithinHour: count,
    })
    .nullable(),
  consent: z
    .object({
      /**
       * Withdrawals per purpose since the start of `withdrawalsSince` (the calendar day 30 days ago, in the
       * company's time zone), and in the 30 days before it: the consent list filtered `from=withdrawalsSince`
       * shows the events of `last30Days`.
       */
      withdrawalsSince: calendarDate,
      withdrawals: z.array(
        z.object({
          purpose: consentPurpose,
          last30Days: count,
          previous30Days: count,
          /**
           * The fewest and most withdrawals in any of the six 30-day windows before the last 30 days (about
           * the previous six months): what normal looks like, to read the last 30 days against.
           */
          usualRange: z.object({ min: count, max: count }).optional(),
        }),
      ),
      reviewOpen: count,
    })
    .nullable(),
  processors: z.object({
    attention: z.array(z.object({ reason: z.enum(attentionReasons), count })),
  }),
  /** Open breaches (officers and auditors): the next deadline of each, and whether a reminder hour has passed. */
  breaches: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.enum(['open', 'contained', 'closed']),
        awareAt: instant,
        nextDeadline: instant.nullable(),
        nextAudience: z.enum(['authority', 'customers']).nullable(),
        remindersDue: count,
      }),
    )
    .nullable()
    .default(null),
  /**
   * Users who reached their hourly budget of email reveals in the past 24 hours (issue 17, finding 7): a burst
   * worth a look. Null for roles that do not read the audit log.
   */
  revealBursts: z.array(z.object({ actorId: z.string().nullable(), actorName: z.string(), at: instant })).nullable(),
  mine: z
    .object({
      awaitingConsent: count,
      awaitingApproval: count,
      activeGrants: count,
      endingWithinHour: count,
    })
    .nullable(),
});
export type DashboardSummary = z.infer<typeof dashboardSummary>;
