import type { MailPreferences, MailPreferencesView } from '@/api/contract/mail-preferences';
import { mailPreferences } from '@/api/contract/mail-preferences';
import type { SupportAccessRequest } from '@/api/contract/support-access';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, checkVersion } from './context';
import { queueMail } from './mail';

const keyOf = (userId: string) => `mail-preferences:${userId}`;
const defaults: MailPreferences = { digest: true, accessAwaitingApproval: true };

/** A user's choices (in the settings table, one key per user), the defaults until they first save. */
export async function preferencesOf(tx: Tx, userId: string): Promise<MailPreferencesView> {
  const stored = await tx.settings.get(keyOf(userId));
  const parsed = mailPreferences.safeParse(stored?.value);
  return { ...(parsed.success ? parsed.data : defaults), version: stored?.version ?? 0 };
}

export async function getMailPreferences(ctx: Ctx, actor: Actor): Promise<MailPreferencesView> {
  return ctx.deps.store.transaction((tx) => preferencesOf(tx, actor.user.id));
}

export async function updateMailPreferences(ctx: Ctx, actor: Actor, input: MailPreferences, version: number): Promise<MailPreferencesView> {
  return ctx.deps.store.transaction(async (tx) => {
    const current = await preferencesOf(tx, actor.user.id);
    checkVersion(version, current.version);
    await tx.settings.put(keyOf(actor.user.id), input, current.version);
    const changes = (['digest', 'accessAwaitingApproval'] as const)
      .filter((f) => current[f] !== input[f])
      .map((f) => ({ field: f, before: current[f], after: input[f] }));
    await audit(tx, ctx, actor, {
      action: 'user.mail_preferences',
      recordType: 'user',
      recordId: actor.user.id,
      summary: `Chose mail: daily digest ${input.digest ? 'on' : 'off'}, approvals ${input.accessAwaitingApproval ? 'on' : 'off'}`,
      changes,
    });
    return { ...input, version: current.version + 1 };
  });
}

/** A request now waits for an officer's approval: each officer who wants it hears at once, once per request. */
export async function mailAwaitingApproval(tx: Tx, ctx: Ctx, request: SupportAccessRequest): Promise<void> {
  const link = ctx.deps.publicUrl ?? '';
  for (const user of (await tx.users.list()).filter((u) => u.role === 'privacy_officer')) {
    if (!(await preferencesOf(tx, user.id)).accessAwaitingApproval) continue;
    await queueMail(tx, ctx, {
      dedupeKey: `access-awaiting-approval:${request.id}:${user.id}`,
      to: user.email,
      subject: `Support access for ${request.accountName} (ticket ${request.ticketRef}) waits for your approval`,
      text: `The customer's consent is recorded; the request waits for a privacy officer's decision:\n${link}/support-access/${request.id}\n`,
      purpose: 'access_awaiting_approval',
    });
  }
}
