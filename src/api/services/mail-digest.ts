import { dateInWords, localDate } from '@/api/rules/time';
import type { Actor, Ctx } from './context';
import { dashboardSummary } from './dashboard';
import { queueMail } from './mail';
import { preferencesOf } from './mail-preferences';

export const DIGEST_QUEUE = 'mail-digest';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The daily digest: each privacy officer who wants it gets one message of what needs them (the dashboard's
 * figures), none when nothing does. Its dedupe key is the user and the company's calendar day, so the
 * outbox's primary key keeps it to one a day however often the job runs, on however many instances.
 */
export async function sendDigests(ctx: Ctx): Promise<number> {
  const users = await ctx.deps.store.transaction((tx) => tx.users.list());
  const day = localDate(ctx.now, ctx.timeZone);
  const link = ctx.deps.publicUrl ?? '';
  let queued = 0;
  for (const user of users.filter((u) => u.role === 'privacy_officer')) {
    const prefs = await ctx.deps.store.transaction((tx) => preferencesOf(tx, user.id));
    if (!prefs.digest) continue;
    const actor: Actor = { user: { id: user.id, email: user.email, name: user.name, role: user.role }, origin: null };
    const s = await dashboardSummary(ctx, actor);
    const lines: string[] = [];
    if (s.deletions?.overdue) lines.push(`- ${plural(s.deletions.overdue, 'deletion')} overdue: ${link}/deletions?overdue=true`);
    const soon = (s.deletions?.dueWithin7Days ?? 0) - (s.deletions?.overdue ?? 0);
    if (soon > 0) lines.push(`- ${plural(soon, 'deletion')} due within 7 days: ${link}/deletions?dueWithinDays=7`);
    if (s.supportAccess?.awaitingApproval) {
      lines.push(`- ${plural(s.supportAccess.awaitingApproval, 'support-access request')} waiting: ${link}/support-access`);
    }
    for (const a of s.processors.attention) {
      if (a.count > 0) lines.push(`- ${plural(a.count, 'processor')}: ${a.reason.replace(/_/g, ' ')}: ${link}/processors`);
    }
    if (s.breaches?.length) lines.push(`- ${plural(s.breaches.length, 'open breach', 'open breaches')}: ${link}/breaches`);
    if (lines.length === 0) continue;
    await ctx.deps.store.transaction((tx) =>
      queueMail(tx, ctx, {
        dedupeKey: `digest:${user.id}:${day}`,
        to: user.email,
        subject: `Privacy Console: what needs you on ${dateInWords(day)}`,
        text: `Good morning ${user.name},\n\nThis needs a privacy officer today:\n\n${lines.join('\n')}\n\nChoose which mail you get: ${link}/mail-preferences\n`,
        purpose: 'digest',
      }),
    );
    queued++;
  }
  return queued;
}
