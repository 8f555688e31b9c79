import type { AuditEvent, FieldChange, HistoryQuery } from '@/api/contract/audit';
import type { Page } from '@/api/contract/common';
import type {
  Processor,
  ProcessorDataSummary,
  ProcessorInput,
  ProcessorQuery,
  ProcessorView,
  UpdateProcessor,
} from '@/api/contract/processors';
import { ACCOUNT_DATA_CATEGORIES, holdsAccountData } from '@/api/rules/deletions';
import { ApiError } from '@/api/errors';
import { processorNoticeEndsAt } from '@/api/rules/deadlines';
import { publicListHtml, publicListMarkdown, registryCsv, toCsv } from '@/api/rules/exports';
import { recordOfProcessing } from '@/api/rules/record-of-processing';
import type { RecordOfProcessing } from '@/api/contract/record-of-processing';
import { recordXlsx } from './record-xlsx';
import type { AssessedProcessor } from '@/api/rules/processors';
import { processorActions, toProcessorView, updateBlocker } from '@/api/rules/processors';
import { fieldLabel } from '@/api/rules/processor-changes';
import { processorInputProblems } from '@/api/rules/processor-input';
import { dayInWords, localDate } from '@/api/rules/time';
import type { Actor, Ctx, FileResult } from './context';
import { isUniqueViolation } from '@/api/store/errors';
import { audit, canonical, checkVersion, diff, enforce, newId, notFound } from './context';
import { readSettings } from './settings';

const editable = [
  'kind',
  'name',
  'legalEntity',
  'category',
  'description',
  'dataCategories',
  'dataSubjects',
  'purposes',
  'locations',
  'dpa',
  'privacyPolicyUrl',
  'dpfParticipant',
  'retention',
  'owner',
  'lastReviewedOn',
  'reviewCycleMonths',
  'status',
] as const satisfies readonly (keyof Processor)[];

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The changes of an edit, one per field that changed: a record-valued field (DPA, retention) changed on
 * both sides is told by its parts (`dpa.reference`), so the history names only what someone changed.
 */
function processorChanges(before: Partial<Processor>, after: Processor): FieldChange[] {
  return diff<Processor>(before, after, editable).flatMap((change) => {
    const { before: b, after: a } = change;
    if (!isPlainObject(b) || !isPlainObject(a)) return [change];
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .filter((k) => canonical(b[k]) !== canonical(a[k]))
      .map((k) => ({ field: `${change.field}.${k}`, before: b[k] ?? null, after: a[k] ?? null }));
  });
}

/** A processor as the caller is answered it: assessed today, with the caller's actions. */
function view(ctx: Ctx, actor: Actor, p: Processor): ProcessorView {
  return { ...toProcessorView(p, localDate(ctx.now, ctx.timeZone)), actions: processorActions(p, actor.user, ctx.now, ctx.timeZone) };
}

function matches(p: AssessedProcessor, q: ProcessorQuery): boolean {
  if (q.q && !p.name.toLowerCase().includes(q.q.toLowerCase())) return false;
  if (q.dataCategory && !p.dataCategories.includes(q.dataCategory)) return false;
  if (q.purpose) {
    const needle = q.purpose.toLowerCase();
    if (!p.purposes.some((x) => x.purpose.toLowerCase().includes(needle) || x.consentPurpose === q.purpose)) return false;
  }
  if (q.location && !p.locations.some((l) => l.country === q.location)) return false;
  if (q.status && p.status !== q.status) return false;
  if (q.kind && p.kind !== q.kind) return false;
  if (q.attention === '1' || q.attention === 'true') {
    if (p.attention.length === 0) return false;
  } else if (q.attention && !p.attention.some((a) => a.reason === q.attention)) {
    return false;
  }
  if (q.consentPurpose && !p.purposes.some((x) => x.consentPurpose === q.consentPurpose)) return false;
  return true;
}

export async function listProcessors(ctx: Ctx, actor: Actor, query: ProcessorQuery): Promise<Page<ProcessorView>> {
  const all = await ctx.deps.store.transaction((tx) => tx.processors.list());
  const items = all.map((p) => view(ctx, actor, p)).filter((p) => matches(p, query));
  return { items, nextCursor: null, total: items.length };
}

export async function getProcessor(ctx: Ctx, actor: Actor, id: string): Promise<ProcessorView> {
  const p = await ctx.deps.store.transaction((tx) => tx.processors.get(id));
  if (!p) throw notFound('Processor');
  return view(ctx, actor, p);
}

/** Refuses fields that contradict each other or today, each on its own field; only `checked` top-level fields count. */
function refuseImpossible(ctx: Ctx, input: Partial<ProcessorInput>, checked: readonly string[]): void {
  const problems = Object.entries(processorInputProblems(input, localDate(ctx.now, ctx.timeZone))).filter(([path]) =>
    checked.includes(path.split('.')[0] ?? path),
  );
  if (problems.length > 0) {
    throw new ApiError(
      'validation_failed',
      `Check the highlighted fields: ${problems.map(([path]) => path).join(', ')}`,
      Object.fromEntries(problems),
    );
  }
}

async function noticeDays(ctx: Ctx): Promise<number> {
  return (await ctx.deps.store.transaction(readSettings)).processorNoticeDays;
}

/** Who changed what and when: the processor's audit events, readable by everyone who reads the registry. */
export async function processorHistory(ctx: Ctx, id: string, query: HistoryQuery): Promise<Page<AuditEvent>> {
  return ctx.deps.store.transaction(async (tx) => {
    if (!(await tx.processors.get(id))) throw notFound('Processor');
    return tx.audit.list({ recordType: 'processor', recordId: id, ...query });
  });
}

export async function processorDataSummary(ctx: Ctx, id: string): Promise<ProcessorDataSummary> {
  return ctx.deps.store.transaction(async (tx) => {
    const p = await tx.processors.get(id);
    if (!p) throw notFound('Processor');
    const holds = holdsAccountData(p);
    const count = async (status: 'active' | 'cancelled') =>
      holds ? ((await tx.accounts.list({ status: [status], limit: 1 })).total ?? null) : 0;
    return {
      holdsAccountData: holds,
      accountDataCategories: holds ? p.dataCategories.filter((c) => ACCOUNT_DATA_CATEGORIES.includes(c)) : [],
      activeAccounts: await count('active'),
      cancelledAccounts: await count('cancelled'),
      consentPurposes: [...new Set(p.purposes.flatMap((x) => (x.consentPurpose ? [x.consentPurpose] : [])))],
    };
  });
}

async function allViews(ctx: Ctx): Promise<AssessedProcessor[]> {
  const today = localDate(ctx.now, ctx.timeZone);
  return (await ctx.deps.store.transaction((tx) => tx.processors.list())).map((p) => toProcessorView(p, today));
}

export async function exportRegistry(ctx: Ctx, format: 'csv' | 'md' | 'html'): Promise<FileResult> {
  const views = await allViews(ctx);
  const date = localDate(ctx.now, ctx.timeZone);
  if (format === 'csv')
    return { file: { filename: `processor-registry-${date}.csv`, contentType: 'text/csv; charset=utf-8', body: registryCsv(views) } };
  if (format === 'md')
    return {
      file: { filename: `sub-processors-${date}.md`, contentType: 'text/markdown; charset=utf-8', body: publicListMarkdown(views) },
    };
  return { file: { filename: `sub-processors-${date}.html`, contentType: 'text/html; charset=utf-8', body: publicListHtml(views) } };
}

/**
 * A write that may take a name in use: the store keeps names unique (case-insensitively, among processors
 * not retired), and the refusal lands on the form's name field.
 */
async function named(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error, 'processor_name')) {
      throw new ApiError('validation_failed', 'A processor with this name is already in the registry', { name: 'Already in the registry' });
    }
    throw error;
  }
}

/** A new processor starts as proposed and waits out the customer notice period (GDPR Art. 28(2)). */
export async function createProcessor(ctx: Ctx, actor: Actor, input: ProcessorInput): Promise<ProcessorView> {
  refuseImpossible(ctx, input, Object.keys(input));
  const days = await noticeDays(ctx);
  const now = ctx.now.toISOString();
  const p: Processor = {
    ...input,
    id: newId('prc'),
    version: 1,
    status: 'proposed',
    noticeEndsAt: input.kind === 'processor' ? processorNoticeEndsAt(ctx.now, days, ctx.timeZone).toISOString() : null,
    connector: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.deps.store.transaction(async (tx) => {
    await named(() => tx.processors.insert(p));
    await audit(tx, ctx, actor, {
      action: 'processor.create',
      recordType: 'processor',
      recordId: p.id,
      summary: `Added ${p.name} as proposed${p.noticeEndsAt ? `; customer notice ends ${dayInWords(p.noticeEndsAt, ctx.timeZone)}` : ''}`,
      changes: diff<Processor>({}, p, editable),
    });
  });
  return view(ctx, actor, p);
}

export async function updateProcessor(ctx: Ctx, actor: Actor, id: string, version: number, patch: UpdateProcessor): Promise<ProcessorView> {
  const next = await ctx.deps.store.transaction(async (tx) => {
    const current = await tx.processors.get(id);
    if (!current) throw notFound('Processor');
    checkVersion(version, current.version);
    enforce(updateBlocker(current, patch, ctx.now, ctx.timeZone));
    const updated: Processor = { ...current, ...patch, version: current.version + 1, updatedAt: ctx.now.toISOString() };
    refuseImpossible(ctx, updated, Object.keys(patch));
    const changes = processorChanges(current, updated);
    await named(() => tx.processors.update(updated, current.version));
    await audit(tx, ctx, actor, {
      action:
        patch.status && patch.status !== current.status
          ? patch.status === 'retired'
            ? 'processor.retire'
            : 'processor.activate'
          : 'processor.update',
      recordType: 'processor',
      recordId: id,
      summary: changes.length
        ? `Changed ${[...new Set(changes.map((c) => fieldLabel(c.field)))].join(', ')} of ${updated.name}`
        : `Saved ${updated.name} without changes`,
      changes,
    });
    return updated;
  });
  return view(ctx, actor, next);
}

/** The Art. 30 record of processing activities, drawn from the registry today. */
export async function getRecordOfProcessing(ctx: Ctx): Promise<RecordOfProcessing> {
  return recordOfProcessing(await allViews(ctx), localDate(ctx.now, ctx.timeZone));
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportRecordOfProcessing(ctx: Ctx, format: 'csv' | 'xlsx'): Promise<FileResult> {
  const record = await getRecordOfProcessing(ctx);
  const filename = `record-of-processing-${record.generatedOn}.${format}`;
  if (format === 'csv') {
    return { file: { filename, contentType: 'text/csv; charset=utf-8', body: toCsv([record.columns, ...record.rows]) } };
  }
  return { file: { filename, contentType: XLSX_TYPE, body: await recordXlsx(record) } };
}
