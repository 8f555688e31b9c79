import type { Account, AccountDetail, AccountQuery, AccountTimeline, AccountView, TimelineItem } from '@/api/contract/accounts';
import type { Page } from '@/api/contract/common';
import { consentPurposeLabels } from '@/api/contract/consent';
import { accountActions, accountListActions } from '@/api/rules/accounts';
import { maskEmail } from '@/api/rules/consent';
import { roleHas } from '@/api/rules/permissions';
import type { Tx } from '@/api/store/store';
import { breachTimelineItems } from './breaches';
import type { Actor, Ctx } from './context';
import { notFound } from './context';

/** An account as a list answers it: the actions its own record decides (see rules/accounts). */
export function accountView(actor: Actor, account: Account): AccountView {
  return { ...account, actions: accountListActions(account, actor.user) };
}

export async function listAccounts(ctx: Ctx, actor: Actor, query: AccountQuery): Promise<Page<AccountView>> {
  const page = await ctx.deps.store.transaction((tx) => tx.accounts.list(query));
  return { ...page, items: page.items.map((a) => accountView(actor, a)) };
}

/** The account's open deletion request (at most one), which refuses another. */
export async function openDeletionOf(tx: Tx, accountId: string): Promise<string | null> {
  return (await tx.deletions.list({ accountId, openOnly: true, wholeAccount: true, limit: 1 })).items[0]?.id ?? null;
}

export async function getAccount(ctx: Ctx, actor: Actor, id: string): Promise<AccountDetail> {
  return ctx.deps.store.transaction(async (tx) => {
    const account = await tx.accounts.get(id);
    if (!account) throw notFound('Account');
    const people = await tx.subjects.listByAccount(id);
    return {
      account,
      people: people.map((p) => ({ ...p, email: p.email ? maskEmail(p.email) : null })),
      actions: accountActions(account, await openDeletionOf(tx, id), actor.user),
    };
  });
}

const TIMELINE_LIMIT = 500;
const words = (s: string): string => s.replace(/[_.]/g, ' ');

/**
 * Everything that happened to one account, newest first: its consent events, support-access requests
 * and grants, and deletion requests with their tasks, each pointing at its record. Areas the caller may
 * not read are left out (support agents see their own access requests only).
 */
export async function accountTimeline(ctx: Ctx, actor: Actor, id: string): Promise<AccountTimeline> {
  const role = actor.user.role;
  return ctx.deps.store.transaction(async (tx) => {
    const account = await tx.accounts.get(id);
    if (!account) throw notFound('Account');
    const items: TimelineItem[] = [
      { at: account.createdAt, kind: 'account', recordType: 'account', recordId: id, title: 'Account created', detail: null },
    ];
    if (account.cancelledAt)
      items.push({
        at: account.cancelledAt,
        kind: 'account',
        recordType: 'account',
        recordId: id,
        title: 'Account cancelled',
        detail: null,
      });
    const events = await tx.consentEvents.listByAccount(id, TIMELINE_LIMIT + 1);
    for (const e of events.slice(0, TIMELINE_LIMIT)) {
      items.push({
        at: e.occurredAt,
        kind: 'consent_event',
        recordType: 'subject',
        recordId: e.subjectId,
        title: `${consentPurposeLabels[e.purpose]}: ${e.action}`,
        detail: `${e.email ? maskEmail(e.email) : e.subjectId} · ${words(e.channel)}`,
      });
    }
    const access = await tx.supportAccess.list({
      accountId: id,
      requesterId: roleHas(role, 'access.read_all') ? undefined : actor.user.id,
      sort: 'newest',
      limit: 200,
    });
    for (const r of access.items) {
      for (const t of r.timeline) {
        items.push({
          at: t.at,
          kind: 'support_access_request',
          recordType: 'support_access_request',
          recordId: r.id,
          title: `Support access ${r.ticketRef}: ${t.action}`,
          detail: [t.actorName, t.note].filter(Boolean).join(' · ') || null,
        });
      }
    }
    if (roleHas(role, 'deletions.read')) {
      const deletions = await tx.deletions.list({ accountId: id, limit: 50 });
      for (const d of deletions.items) {
        for (const t of d.timeline) {
          items.push({
            at: t.at,
            kind: 'deletion_request',
            recordType: 'deletion_request',
            recordId: d.id,
            title: `Deletion request: ${t.action}`,
            detail: [t.actorName, t.note].filter(Boolean).join(' · ') || null,
          });
        }
        for (const task of d.tasks) {
          if (!task.resolvedAt || !task.outcome) continue;
          items.push({
            at: task.resolvedAt,
            kind: 'deletion_task',
            recordType: 'deletion_request',
            recordId: d.id,
            title: `${task.systemName}: ${words(task.outcome)}`,
            detail: task.reference,
          });
        }
      }
    }
    if (roleHas(role, 'breaches.read')) items.push(...(await breachTimelineItems(tx, account)));
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return { items: items.slice(0, TIMELINE_LIMIT), truncated: items.length > TIMELINE_LIMIT || events.length > TIMELINE_LIMIT };
  });
}
