import type { CompanySettings, UpdateSettings } from '@/api/contract/settings';
import { DEFAULT_CUSTOMER_NOTICE_HOURS } from '@/api/rules/breaches';
import { DEFAULT_PROCESSOR_NOTICE_DAYS } from '@/api/rules/deadlines';
import { settingsActions } from '@/api/rules/settings';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, checkVersion, diff } from './context';

const KEY = 'company';

type Stored = { processorNoticeDays: number; breachCustomerNoticeHours: number; version: number };

/** The company's settings and their version (0 until first changed: then the defaults apply). */
export async function readSettings(tx: Tx): Promise<Stored> {
  const stored = await tx.settings.get(KEY);
  const value: unknown = stored?.value;
  const days =
    typeof value === 'object' && value !== null && 'processorNoticeDays' in value && typeof value.processorNoticeDays === 'number'
      ? value.processorNoticeDays
      : DEFAULT_PROCESSOR_NOTICE_DAYS;
  const hours =
    typeof value === 'object' &&
    value !== null &&
    'breachCustomerNoticeHours' in value &&
    typeof value.breachCustomerNoticeHours === 'number'
      ? value.breachCustomerNoticeHours
      : DEFAULT_CUSTOMER_NOTICE_HOURS;
  return { processorNoticeDays: days, breachCustomerNoticeHours: hours, version: stored?.version ?? 0 };
}

export async function getSettings(ctx: Ctx, actor: Actor): Promise<CompanySettings> {
  const s = await ctx.deps.store.transaction(readSettings);
  return { ...s, timeZone: ctx.timeZone, controller: ctx.controller, actions: settingsActions(actor.user) };
}

export async function updateSettings(ctx: Ctx, actor: Actor, version: number, input: UpdateSettings): Promise<CompanySettings> {
  const next = await ctx.deps.store.transaction(async (tx) => {
    const current = await readSettings(tx);
    checkVersion(version, current.version);
    const updated = { ...current, ...input, version: current.version + 1 };
    // The store compares the version again as it writes: another instance may have written since the read.
    await tx.settings.put(
      KEY,
      { processorNoticeDays: updated.processorNoticeDays, breachCustomerNoticeHours: updated.breachCustomerNoticeHours },
      current.version,
    );
    await audit(tx, ctx, actor, {
      action: 'settings.update',
      recordType: 'settings',
      recordId: KEY,
      summary: `Set the customer notice period for new processors to ${updated.processorNoticeDays} days${
        updated.breachCustomerNoticeHours !== current.breachCustomerNoticeHours
          ? ` and the customers' breach notice deadline to ${updated.breachCustomerNoticeHours} hours`
          : ''
      }`,
      changes: diff(current, updated, ['processorNoticeDays', 'breachCustomerNoticeHours']),
    });
    return updated;
  });
  return { ...next, timeZone: ctx.timeZone, controller: ctx.controller, actions: settingsActions(actor.user) };
}
