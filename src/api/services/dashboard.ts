import { REVEAL_LIMIT_ACTION } from './consent';
import type { DashboardSummary } from '@/api/contract/dashboard';
import type { ConsentPurpose } from '@/api/contract/consent';
import { consentPurposes } from '@/api/contract/consent';
import { attentionReasons } from '@/api/contract/processors';
import { staleMarketingBefore } from '@/api/rules/consent-review';
import { roleHas } from '@/api/rules/permissions';
import { toProcessorView } from '@/api/rules/processors';
import { addCalendarDays, addDaysToDate, addHours, localDate, startOfLocalDay } from '@/api/rules/time';
import type { ReviewQueueQuery, Tx } from '@/api/store/store';
import { COUNT_CAP } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { openBreachesSummary } from './breaches';
import { sweepLapsed } from './support-access';

/** Counted up to the store's cap: past it the page carries no total, and the cap is shown. */
const totalOf = (page: { total?: number; items: unknown[] }): number => page.total ?? Math.max(COUNT_CAP, page.items.length);

/** The same set as the list's `endingWithinHours=1` (services/support-access). */
async function endingWithinHour(tx: Tx, ctx: Ctx, requesterId?: string): Promise<number> {
  const grantEndsAfter = ctx.now.toISOString();
  const grantEndsBefore = addHours(ctx.now, 1).toISOString();
  return totalOf(
    await tx.supportAccess.list({ status: ['active'], sort: 'ending', requesterId, grantEndsAfter, grantEndsBefore, limit: 1 }),
  );
}

/** What needs someone today: one call, every figure counted by the store. */
export async function dashboardSummary(ctx: Ctx, actor: Actor): Promise<DashboardSummary> {
  const role = actor.user.role;
  await sweepLapsed(ctx);
  return ctx.deps.store.transaction(async (tx) => {
    const now = ctx.now.toISOString();
    const summary: DashboardSummary = {
      asOf: now,
      deletions: null,
      supportAccess: null,
      consent: null,
      processors: { attention: [] },
      breaches: null,
      revealBursts: null,
      mine: null,
    };

    if (roleHas(role, 'breaches.read')) summary.breaches = await openBreachesSummary(tx, ctx);

    if (roleHas(role, 'audit.read')) {
      const since = new Date(ctx.now.getTime() - 86_400_000).toISOString();
      const bursts = await tx.audit.list({ action: REVEAL_LIMIT_ACTION, since, limit: 20 });
      summary.revealBursts = bursts.items.map((e) => ({ actorId: e.actorId, actorName: e.actorName, at: e.at }));
    }

    if (roleHas(role, 'deletions.read')) {
      const overdue = totalOf(await tx.deletions.list({ openOnly: true, dueBefore: now, limit: 1 }));
      const week = totalOf(
        await tx.deletions.list({ openOnly: true, dueBefore: addCalendarDays(ctx.now, 7, ctx.timeZone).toISOString(), limit: 1 }),
      );
      // The overdue ones are due within the week too: the figure is what the list behind it shows.
      summary.deletions = { overdue, dueWithin7Days: week };
    }

    if (roleHas(role, 'access.read_all')) {
      const pending = await tx.supportAccess.list({ status: ['pending'], sort: 'oldest', limit: 1 });
      summary.supportAccess = {
        awaitingApproval: totalOf(pending),
        oldestAwaitingSince: pending.items[0]?.createdAt ?? null,
        endingWithinHour: await endingWithinHour(tx, ctx),
      };
    } else if (roleHas(role, 'access.request')) {
      const requesterId = actor.user.id;
      const awaiting = async (awaiting: 'consent' | 'approval') =>
        totalOf(await tx.supportAccess.list({ requesterId, awaiting, sort: 'newest', limit: 1 }));
      summary.mine = {
        awaitingConsent: await awaiting('consent'),
        awaitingApproval: await awaiting('approval'),
        activeGrants: totalOf(await tx.supportAccess.list({ status: ['active'], requesterId, sort: 'newest', limit: 1 })),
        endingWithinHour: await endingWithinHour(tx, ctx, actor.user.id),
      };
    }

    if (roleHas(role, 'consent.read')) {
      // Whole days of the company's calendar, as the list behind the figure reads its `from` (context.calendarRange).
      const since = localDate(addCalendarDays(ctx.now, -30, ctx.timeZone), ctx.timeZone);
      const thirty = startOfLocalDay(since, ctx.timeZone).toISOString();
      const sixty = startOfLocalDay(addDaysToDate(since, -30), ctx.timeZone).toISOString();
      // Up to and including now, as the list (which has no end) shows.
      const last = await tx.consentEvents.countByPurpose('withdrawn', thirty, new Date(ctx.now.getTime() + 1).toISOString());
      const before = await tx.consentEvents.countByPurpose('withdrawn', sixty, thirty);
      // The six 30-day windows before the last 30 days; the first of them is `before`.
      const windows = [before];
      for (let w = 1; w < 6; w++) {
        const start = startOfLocalDay(addDaysToDate(since, -30 * (w + 1)), ctx.timeZone).toISOString();
        const end = startOfLocalDay(addDaysToDate(since, -30 * w), ctx.timeZone).toISOString();
        windows.push(await tx.consentEvents.countByPurpose('withdrawn', start, end));
      }
      const usualRange = (purpose: ConsentPurpose) => {
        const counts = windows.map((counted) => counted[purpose] ?? 0);
        return { min: Math.min(...counts), max: Math.max(...counts) };
      };
      const latestNotice: ReviewQueueQuery['latestNotice'] = {};
      for (const n of await tx.notices.latest()) latestNotice[n.purpose] = n.hash;
      const queue = await tx.consentStates.reviewQueue({
        latestNotice,
        staleBefore: staleMarketingBefore(ctx.now, ctx.timeZone),
        limit: 1,
      });
      summary.consent = {
        withdrawalsSince: since,
        withdrawals: consentPurposes.map((purpose) => ({
          purpose,
          last30Days: last[purpose] ?? 0,
          previous30Days: before[purpose] ?? 0,
          usualRange: usualRange(purpose),
        })),
        reviewOpen: totalOf(queue),
      };
    }

    const today = localDate(ctx.now, ctx.timeZone);
    const views = (await tx.processors.list()).filter((p) => p.status !== 'retired').map((p) => toProcessorView(p, today));
    summary.processors.attention = attentionReasons
      .map((reason) => ({ reason, count: views.filter((v) => v.attention.some((a) => a.reason === reason)).length }))
      .filter((a) => a.count > 0);
    return summary;
  });
}
