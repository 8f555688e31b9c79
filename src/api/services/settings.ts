import type { CompanySettings, UpdateSettings } from '@/api/contract/settings';
import { DEFAULT_PROCESSOR_NOTICE_DAYS } from '@/api/rules/deadlines';
import { settingsActions } from '@/api/rules/settings';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, checkVersion, diff } from './context';

const KEY = 'company';

type Stored = { processorNoticeDays: number; version: number };

function isStored(v: unknown): v is Stored {
  return (
    typeof v === 'object' &&
    v !== null &&
    'processorNoticeDays' in v &&
    'version' in v &&
    typeof v.processorNoticeDays === 'number' &&
    typeof v.version === 'number'
  );
}

export async function readSettings(tx: Tx): Promise<Stored> {
  const v = await tx.settings.get(KEY);
  return isStored(v) ? v : { processorNoticeDays: DEFAULT_PROCESSOR_NOTICE_DAYS, version: 0 };
}

export async function getSettings(ctx: Ctx, actor: Actor): Promise<CompanySettings> {
  const s = await ctx.deps.store.transaction(readSettings);
  return { ...s, timeZone: ctx.timeZone, actions: settingsActions(actor.user) };
}

export async function updateSettings(ctx: Ctx, actor: Actor, version: number, input: UpdateSettings): Promise<CompanySettings> {
  const next = await ctx.deps.store.transaction(async (tx) => {
    const current = await readSettings(tx);
    checkVersion(version, current.version);
    const updated = { ...current, ...input, version: current.version + 1 };
    await tx.settings.set(KEY, updated);
    await audit(tx, ctx, actor, {
      action: 'settings.update',
      recordType: 'settings',
      recordId: KEY,
      summary: `Set the customer notice period for new processors to ${updated.processorNoticeDays} days`,
      changes: diff(current, updated, ['processorNoticeDays']),
    });
    return updated;
  });
  return { ...next, timeZone: ctx.timeZone, actions: settingsActions(actor.user) };
}
