import { attentionReasons } from '@/api/contract/attention-reasons';
import { consentPurposes } from '@/api/contract/consent-purposes';
import type { DashboardSummary } from '@/api/contract/dashboard';
import type { Check } from '@/lib/lean-check';
import { array, calendarDate, check, count, instant, nullable, object, oneOf, optional, string } from '@/lib/lean-check';

/**
 * `GET /api/dashboard`'s answer checked without zod (the contract's `dashboardSummary`, dashboard.ts): the
 * dashboard is the first page after signing in, and paints without zod. lean-check.test.ts holds the two together.
 */
export const dashboardEndpoint = {
  method: 'GET',
  path: '/api/dashboard',
  response: check(
    object({
      asOf: instant,
      deletions: nullable(object({ overdue: count, dueWithin7Days: count })),
      supportAccess: nullable(object({ awaitingApproval: count, oldestAwaitingSince: nullable(instant), endingWithinHour: count })),
      consent: nullable(
        object({
          withdrawalsSince: calendarDate,
          withdrawals: array(
            object({
              purpose: oneOf(consentPurposes),
              last30Days: count,
              previous30Days: count,
              usualRange: optional(object({ min: count, max: count })),
            }),
          ),
          reviewOpen: count,
        }),
      ),
      processors: object({ attention: array(object({ reason: oneOf(attentionReasons), count })) }),
      breaches: optional(
        nullable(
          array(
            object({
              id: string(),
              title: string(),
              status: oneOf(['open', 'contained', 'closed']),
              awareAt: instant,
              nextDeadline: nullable(instant),
              nextAudience: nullable(oneOf(['authority', 'customers'])),
              remindersDue: count,
            }),
          ),
        ),
        null,
      ),
      revealBursts: nullable(array(object({ actorId: nullable(string()), actorName: string(), at: instant }))),
      mine: nullable(object({ awaitingConsent: count, awaitingApproval: count, activeGrants: count, endingWithinHour: count })),
    }),
  ) satisfies Check<DashboardSummary>,
} as const;
