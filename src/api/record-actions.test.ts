import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountDetail, Subject } from '@/api/contract/accounts';
import { accountDetail, accountView } from '@/api/contract/accounts';
import type { ActionState } from '@/api/contract/common';
import { errorBody, page } from '@/api/contract/common';
import type { ConsentReviewItem, SubjectDetail } from '@/api/contract/consent';
import { consentReviewItem, subjectDetail } from '@/api/contract/consent';
import type { BreachView } from '@/api/contract/breaches';
import { breachListItem, breachView } from '@/api/contract/breaches';
import type { DeletionRequestView } from '@/api/contract/deletions';
import { deletionListItem, deletionRequestView } from '@/api/contract/deletions';
import type { EndpointName, RecordKind } from '@/api/contract/endpoints';
import { actionPermissions, endpoints, recordActions } from '@/api/contract/endpoints';
import type { DpaDocumentActionName, DpaDocumentView, ProcessorView } from '@/api/contract/processors';
import { dpaDocumentView, processorView } from '@/api/contract/processors';
import { dpaDocumentBlocker } from '@/api/rules/dpa-documents';
import type { CompanySettings } from '@/api/contract/settings';
import { companySettings } from '@/api/contract/settings';
import type { SupportAccessRequestView } from '@/api/contract/support-access';
import { supportAccessListItem, supportAccessRequestView } from '@/api/contract/support-access';
import type { User } from '@/api/contract/users';
import { session } from '@/api/contract/users';
import type { UserAccount, UserAccountActionName } from '@/api/contract/mfa';
import { userAccountList } from '@/api/contract/mfa';
import { userAccountRule } from '@/api/rules/mfa';
import { ApiError } from '@/api/errors';
import { accountActionBlocker } from '@/api/rules/accounts';
import { breachActions } from '@/api/rules/breaches';
import type { Refusal } from '@/api/rules/actions';
import { actionState, refusalOf } from '@/api/rules/actions';
import { subjectActionBlocker } from '@/api/rules/consent';
import { markReviewedBlocker } from '@/api/rules/consent-review';
import { DEFAULT_TIME_ZONE } from '@/api/rules/deadlines';
import { deletionActionBlocker, isOpen } from '@/api/rules/deletions';
import { processorActionBlocker } from '@/api/rules/processors';
import { accessActionBlocker } from '@/api/rules/support-access';
import { sandboxBaseUrls, sandboxCredentials } from '@/demo/sandboxes/sandbox-config';
import type { Harness } from '@/testing/harness';
import { makeHarness, memoryStore } from '@/testing/harness';
import { rollOffBackup } from '@/testing/api-suite/helpers';

/**
 * Every record the API answers carries the caller's actions. Here each one is held to what the API then
 * does: an action reported allowed succeeds when called (on a fresh record in the same state), and one
 * reported refused is refused with the status its rule implies (403 not yours, 409 not now) and the very
 * sentence the record gave, changing nothing. Across the roles and the states each record goes through.
 */

type Who = 'officer' | 'officer2' | 'support' | 'auditor';
type Answer = { status: number; json: unknown };
type Actioned = { actions: Record<string, ActionState> };

let h: Harness;
const users = {} as Record<Who, User>;
const now = () => h.clock.now;

beforeAll(async () => {
  h = await makeHarness(memoryStore);
  for (const who of ['officer', 'officer2', 'support', 'auditor'] as const) {
    users[who] = session.parse((await h.call(who, 'GET', '/api/session')).json).user;
  }
});

/** Sessions by role and clock: a test that moves the clock past a session's end signs in again. */
const tokens = new Map<string, string>();
async function tokenOf(who: Who): Promise<string> {
  const key = `${who}@${h.clock.now.getTime()}`;
  const token = tokens.get(key) ?? (await h.signInAs(`${who}@demo.test`));
  tokens.set(key, token);
  return token;
}

/** Calls one endpoint of the table by name, as `who`; downloads answer no body. */
async function send(
  who: Who,
  name: EndpointName,
  opts: { id?: string; body?: unknown; version?: number; query?: Record<string, string> } = {},
): Promise<Answer> {
  const ep = endpoints[name];
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenOf(who)}` };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`;
  const path = ep.path.replace(':id', encodeURIComponent(opts.id ?? ''));
  const search = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
  const res = await h.app.request(`${path}${search}`, {
    method: ep.method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const json: unknown = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : null;
  return { status: res.status, json };
}

async function ok(answer: Promise<Answer>): Promise<unknown> {
  const res = await answer;
  if (res.status >= 300) throw new Error(`setup call answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

let serial = 0;
/** A customer account of our own, with one person: each state gets a record nobody else touches. */
async function freshAccount(hosting: Account['hosting'] = 'cloud'): Promise<{ account: Account; person: Subject }> {
  serial += 1;
  const account: Account = {
    id: `acc_test${serial}`,
    name: `Test Account ${serial}`,
    hosting,
    plan: 'paid',
    status: 'active',
    primaryRegion: hosting === 'cloud' ? 'US' : null,
    createdAt: '2025-01-01T00:00:00.000Z',
    cancelledAt: null,
    peopleCount: 1,
  };
  const person: Subject = {
    id: `sub_test${serial}`,
    kind: 'person',
    accountId: account.id,
    name: `Person ${serial}`,
    email: `person${serial}@test.example`,
    accountRole: 'owner',
  };
  await h.store.transaction(async (tx) => {
    await tx.accounts.insert(account);
    await tx.subjects.insert(person);
  });
  return { account, person };
}

/**
 * How to read, judge and call the actions of one kind of record. `rule` is the refusal the caller meets
 * first (the action's permission, then the record's rule, as the app and the service check them): it
 * names the status a refused call must get.
 */
type Kind<T extends Actioned> = {
  kind: RecordKind;
  read(who: Who, id: string): Promise<T>;
  rule(record: T, who: Who, action: string): Promise<Refusal | null>;
  call(who: Who, record: T, action: string): Promise<Answer>;
};

const endpointOf = (kind: RecordKind, action: string): EndpointName => (recordActions[kind] as Record<string, EndpointName>)[action]!;
const refusalStatus = (refusal: Refusal): number => new ApiError(refusal.code, refusal.reason).status;
/** What the agreement checks called, per kind: an allowed call, and refusals by status (each must have happened). */
const tally = new Map<RecordKind, { allowed: number; 403: number; 409: number }>();
function count(kind: RecordKind, outcome: 'allowed' | 403 | 409): void {
  const t = tally.get(kind) ?? { allowed: 0, 403: 0, 409: 0 };
  t[outcome] += 1;
  tally.set(kind, t);
}
/** Every record the auditor was answered, to prove below that none offered it a write. */
const auditorSaw: { kind: RecordKind; actions: Record<string, ActionState> }[] = [];

function describeAgreement<T extends Actioned>(kind: Kind<T>, state: string, make: () => Promise<string>, roles: readonly Who[]) {
  describe(`${kind.kind}: ${state}`, () => {
    let id: string;
    beforeAll(async () => {
      id = await make();
    });
    for (const who of roles) {
      it(`agrees with what the API does, as ${who}`, async () => {
        const first = await kind.read(who, id);
        if (who === 'auditor') auditorSaw.push({ kind: kind.kind, actions: first.actions });
        expect(Object.keys(first.actions).sort()).toEqual(Object.keys(recordActions[kind.kind]).sort());
        for (const action of Object.keys(first.actions)) {
          const record = await kind.read(who, id);
          const answered = record.actions[action];
          const refusal = await kind.rule(record, who, action);
          expect(answered, `${action}: the answer is the rule's`).toEqual(actionState(refusal));
          if (refusal) {
            const res = await kind.call(who, record, action);
            expect(res.status, `${action} refused to ${who}: ${JSON.stringify(res.json)}`).toBe(refusalStatus(refusal));
            expect(errorBody.parse(res.json).error.message).toBe(answered?.reason);
            expect(await kind.read(who, id), `${action} refused, nothing changed`).toEqual(record);
            count(kind.kind, res.status as 403 | 409);
          } else {
            const fresh = await kind.read(who, await make());
            expect(fresh.actions[action], `${action}: a fresh record in the same state`).toEqual(answered);
            const res = await kind.call(who, fresh, action);
            expect(res.status, `${action} allowed to ${who}: ${JSON.stringify(res.json)}`).toBe(
              endpoints[endpointOf(kind.kind, action)].status,
            );
            count(kind.kind, 'allowed');
          }
        }
      });
    }
  });
}

const reason = { reason: 'Explained in the ticket' };

// Deletion requests ------------------------------------------------------------------------------

const deletion: Kind<DeletionRequestView> = {
  kind: 'deletion',
  async read(who, id) {
    const record = deletionRequestView.parse(await ok(send(who, 'getDeletion', { id })));
    const list = page(deletionListItem).parse(await ok(send(who, 'listDeletions', { query: { accountId: record.accountId! } })));
    // A list offers approving alone (several at once): its one action answers as the request's does.
    expect(list.items.find((d) => d.id === id)?.actions, 'the list answers the same approval').toEqual({ approve: record.actions.approve });
    return record;
  },
  async rule(record, who, action) {
    return refusalOf(users[who].role, actionPermissions.deletion, action as keyof typeof actionPermissions.deletion, (a) =>
      deletionActionBlocker(record, a, users[who], now(), DEFAULT_TIME_ZONE),
    );
  },
  call(who, record, action) {
    const task = record.tasks.find((t) => t.outcome === null) ?? record.tasks[0];
    const bodies: Record<string, unknown> = {
      approve: { confirmAccountName: record.accountName },
      reject: reason,
      extend: { ...reason, months: 1 },
      hold: { system: 'Stripe', data: 'Invoices', legalReason: 'Tax law keeps invoices for ten years', until: '2036-12-31' },
      resolveTask: { taskId: task?.id ?? 'task_none', outcome: 'deleted', reference: 'Ticket 42' },
      retryTask: { taskId: task?.id ?? 'task_none' },
      editHold: {
        holdId: record.holds[0]?.id ?? 'hold_none',
        system: 'Stripe',
        data: 'Invoices',
        legalReason: 'Tax law',
        until: '2037-01-31',
      },
      removeHold: { holdId: record.holds[0]?.id ?? 'hold_none', reason: 'Recorded on the wrong request' },
    };
    return send(who, endpointOf('deletion', action), { id: record.id, version: record.version, body: bodies[action] });
  },
};

async function erasureRequest(receivedAt = '2026-11-20T09:00:00.000Z'): Promise<DeletionRequestView> {
  const { account } = await freshAccount();
  return deletionRequestView.parse(
    await ok(
      send('officer', 'createDeletion', { body: { accountId: account.id, origin: 'erasure_request', receivedAt, note: 'By email' } }),
    ),
  );
}
async function approved(): Promise<DeletionRequestView> {
  const d = await erasureRequest();
  return deletionRequestView.parse(
    await ok(send('officer2', 'deletionApprove', { id: d.id, version: d.version, body: { confirmAccountName: d.accountName } })),
  );
}
async function allTasksResolved(): Promise<DeletionRequestView> {
  let d = await approved();
  for (const task of d.tasks.filter((t) => t.kind !== 'backup')) {
    d = deletionRequestView.parse(
      await ok(
        send('officer', 'deletionResolveTask', {
          id: d.id,
          version: d.version,
          body: { taskId: task.id, outcome: 'deleted', reference: `Erased at ${task.systemName}` },
        }),
      ),
    );
  }
  // The backup resolves itself on its roll-off date.
  return deletionRequestView.parse({ ...d, ...(await rollOffBackup(h, d)) });
}

const readers: readonly Who[] = ['officer', 'officer2', 'auditor'];
describeAgreement(deletion, 'pending review, created by the officer', async () => (await erasureRequest()).id, readers);
describeAgreement(deletion, 'received more than a month ago', async () => (await erasureRequest('2026-09-01T09:00:00.000Z')).id, readers);
describeAgreement(
  deletion,
  'extended once',
  async () => {
    const d = await erasureRequest();
    await ok(send('officer', 'deletionExtend', { id: d.id, version: d.version, body: { ...reason, months: 2 } }));
    return d.id;
  },
  readers,
);
describeAgreement(
  deletion,
  'opened by a cancellation',
  async () => {
    const { account } = await freshAccount();
    const cancelled = await ok(send('officer', 'cancelAccount', { id: account.id, body: {} }));
    return deletionRequestView.parse((cancelled as { deletionRequest: unknown }).deletionRequest).id;
  },
  readers,
);
describeAgreement(deletion, 'approved, tasks open', async () => (await approved()).id, readers);
describeAgreement(deletion, 'every task resolved', async () => (await allTasksResolved()).id, readers);
describeAgreement(
  deletion,
  'completed',
  async () => {
    const d = await allTasksResolved();
    return deletionRequestView.parse(await ok(send('officer', 'deletionComplete', { id: d.id, version: d.version }))).id;
  },
  readers,
);
describeAgreement(
  deletion,
  'rejected',
  async () => {
    const d = await erasureRequest();
    return deletionRequestView.parse(await ok(send('officer2', 'deletionReject', { id: d.id, version: d.version, body: reason }))).id;
  },
  readers,
);

describe('deletion: the four-eyes rule, as the creator sees it', () => {
  it('refuses the creator approval with the reason, and refuses the call with the same', async () => {
    const d = await erasureRequest();
    const seen = deletionRequestView.parse(await ok(send('officer', 'getDeletion', { id: d.id })));
    expect(seen.actions.approve).toEqual({ allowed: false, reason: 'You created this request; another officer must approve it' });
    expect(seen.actions.reject).toEqual({ allowed: true, reason: null });
    const res = await send('officer', 'deletionApprove', { id: d.id, version: d.version, body: { confirmAccountName: d.accountName } });
    expect(res.status).toBe(403);
    expect(errorBody.parse(res.json).error.message).toBe('You created this request; another officer must approve it');
    const other = deletionRequestView.parse(await ok(send('officer2', 'getDeletion', { id: d.id })));
    expect(other.actions.approve).toEqual({ allowed: true, reason: null });
  });
});

// Support-access requests ------------------------------------------------------------------------

const supportAccess: Kind<SupportAccessRequestView> = {
  kind: 'supportAccess',
  async read(who, id) {
    const record = supportAccessRequestView.parse(await ok(send(who, 'getSupportAccess', { id })));
    const list = page(supportAccessListItem).parse(await ok(send(who, 'listSupportAccess', { query: { accountId: record.accountId } })));
    // A list offers no action on a request: it answers the same status and wait, by the same rules.
    expect(
      list.items.find((r) => r.id === id),
      'the list answers the same status',
    ).toMatchObject({
      version: record.version,
      status: record.status,
      waitingFor: record.waitingFor,
    });
    return record;
  },
  async rule(record, who, action) {
    return refusalOf(users[who].role, actionPermissions.supportAccess, action as keyof typeof actionPermissions.supportAccess, (a) =>
      accessActionBlocker(record, a, users[who], now()),
    );
  },
  call(who, record, action) {
    const bodies: Record<string, unknown> = {
      consent: { givenAt: record.createdAt, channel: 'phone_call', quote: 'Yes, go ahead', reason: 'No access to their mailbox' },
      credentials: { username: 'admin', password: 's3cret!' },
      deny: reason,
      revoke: reason,
      withdrawConsent: reason,
    };
    const version = action === 'reveal' ? undefined : record.version;
    return send(who, endpointOf('supportAccess', action), { id: record.id, version, body: bodies[action] });
  },
};

/**
 * A request taken through `steps`: `page` is the owner consenting on the consent page (login details
 * included), `consent` the agent's phone exception, `confirmConsent` an officer confirming it, `approve`
 * by the other officer when one confirmed.
 */
async function accessRequest(
  steps: readonly ('page' | 'consent' | 'confirmConsent' | 'credentials' | 'approve')[] = [],
): Promise<SupportAccessRequestView> {
  const { account, person } = await freshAccount();
  let r = supportAccessRequestView.parse(
    await ok(
      send('support', 'createSupportAccess', {
        body: {
          accountId: account.id,
          ticketRef: `T-${serial}`,
          reason: 'A report shows wrong totals',
          scope: 'read',
          durationHours: 4,
          ownerId: person.id,
        },
      }),
    ),
  );
  for (const step of steps) {
    if (step === 'page') {
      const token = (r.issuedConsentLink ?? '').split('/').pop() ?? '';
      const res = await h.call('nobody', 'POST', `/api/public/access/${token}/consent`, {
        body: { typedName: person.name, username: 'admin', password: 's3cret!' },
      });
      expect(res.status).toBe(200);
      r = supportAccessRequestView.parse(await ok(send('support', 'getSupportAccess', { id: r.id })));
      continue;
    }
    const who =
      step === 'approve' ? (steps.includes('confirmConsent') ? 'officer2' : 'officer') : step === 'confirmConsent' ? 'officer' : 'support';
    r = supportAccessRequestView.parse(await ok(supportAccess.call(who, r, step)));
  }
  return r;
}

const accessReaders: readonly Who[] = ['support', 'officer', 'auditor'];
describeAgreement(supportAccess, 'pending, nothing recorded', async () => (await accessRequest()).id, accessReaders);
describeAgreement(supportAccess, 'pending, consent given on the page', async () => (await accessRequest(['page'])).id, accessReaders);
describeAgreement(supportAccess, 'pending, phone consent unconfirmed', async () => (await accessRequest(['consent'])).id, accessReaders);
describeAgreement(
  supportAccess,
  'pending, phone consent confirmed',
  async () => (await accessRequest(['consent', 'confirmConsent'])).id,
  accessReaders,
);
describeAgreement(
  supportAccess,
  'active, login details attached',
  async () => (await accessRequest(['page', 'approve'])).id,
  accessReaders,
);
describeAgreement(
  supportAccess,
  'active, no login details',
  async () => (await accessRequest(['consent', 'confirmConsent', 'approve'])).id,
  accessReaders,
);
describeAgreement(
  supportAccess,
  'cancelled',
  async () => {
    const r = await accessRequest();
    return supportAccessRequestView.parse(await ok(supportAccess.call('support', r, 'cancel'))).id;
  },
  accessReaders,
);
describeAgreement(
  supportAccess,
  'denied',
  async () => {
    const r = await accessRequest(['page']);
    return supportAccessRequestView.parse(await ok(supportAccess.call('officer', r, 'deny'))).id;
  },
  accessReaders,
);

describe('supportAccess: the clock ends requests by one rule, answered by the API', () => {
  it('answers a pending request past its decision time as expired, every action refused, and refuses the call alike', async () => {
    const r = await accessRequest(['page']);
    expect(r.actions.cancel.allowed).toBe(true);
    const start = h.clock.now;
    h.clock.now = new Date(new Date(r.decideBy).getTime() + 1000);
    try {
      for (const who of ['support', 'officer'] as const) {
        const seen = supportAccessRequestView.parse(await ok(send(who, 'getSupportAccess', { id: r.id })));
        expect(seen.status).toBe('expired');
        for (const state of Object.values(seen.actions)) expect(state.allowed).toBe(false);
      }
      const officerView = supportAccessRequestView.parse(await ok(send('officer', 'getSupportAccess', { id: r.id })));
      expect(officerView.actions.approve.reason).toBe('The request is expired');
      const res = await send('officer', 'supportAccessApprove', { id: r.id, version: officerView.version });
      expect(res.status).toBe(409);
      expect(errorBody.parse(res.json).error.message).toBe('The request is expired');
    } finally {
      h.clock.now = start;
    }
  });
  it('answers an active grant past its end as ended, its login details out of reach', async () => {
    const r = await accessRequest(['page', 'approve']);
    expect(r.actions.reveal.allowed).toBe(false);
    const agent = supportAccessRequestView.parse(await ok(send('support', 'getSupportAccess', { id: r.id })));
    expect(agent.actions.reveal).toEqual({ allowed: true, reason: null });
    const start = h.clock.now;
    h.clock.now = new Date(new Date(r.grantEndsAt ?? '').getTime() + 1000);
    try {
      const later = supportAccessRequestView.parse(await ok(send('support', 'getSupportAccess', { id: r.id })));
      expect(later.status).toBe('ended');
      expect(later.actions.reveal.allowed).toBe(false);
      const res = await send('support', 'supportAccessReveal', { id: r.id });
      expect(res.status).toBe(409);
      expect(errorBody.parse(res.json).error.message).toBe(later.actions.reveal.reason);
    } finally {
      h.clock.now = start;
    }
  });
});

// Processors and settings ------------------------------------------------------------------------

const processorInput = (name: string, kind: 'processor' | 'own_location') => ({
  kind,
  name,
  legalEntity: `${name} Ltd`,
  category: 'other',
  description: 'Transcribes recorded sales calls.',
  dataCategories: ['call_recordings', 'name'],
  dataSubjects: ['customers'],
  purposes: [{ purpose: 'Transcribing sales calls', legalBasis: 'consent', consentPurpose: 'call_recording' }],
  locations: [{ country: 'US', transferMechanism: 'scc' }],
  dpa: { status: 'signed', signedOn: '2026-11-01', reference: 'DPA-77', nextReview: '2027-11-01' },
  privacyPolicyUrl: 'https://acme.example/privacy',
  retention: { amount: 14, unit: 'days', trigger: 'recording', note: '' },
  owner: 'Olivia Officer',
  lastReviewedOn: '2026-11-01',
  reviewCycleMonths: 12,
});

const processor: Kind<ProcessorView> = {
  kind: 'processor',
  async read(who, id) {
    const record = processorView.parse(await ok(send(who, 'getProcessor', { id })));
    const list = page(processorView).parse(await ok(send(who, 'listProcessors', { query: { q: record.name } })));
    expect(list.items.find((p) => p.id === id)?.actions, 'the list answers the same actions').toEqual(record.actions);
    return record;
  },
  async rule(record, who, action) {
    return refusalOf(users[who].role, actionPermissions.processor, action as keyof typeof actionPermissions.processor, (a) =>
      processorActionBlocker(record, a, now()),
    );
  },
  call(who, record, action) {
    if (action === 'configureConnector')
      return send(who, 'setProcessorConnector', { id: record.id, version: record.version, body: stripeConnector });
    if (action === 'clearConnector') return send(who, 'clearProcessorConnector', { id: record.id, version: record.version });
    if (action === 'testConnector') return send(who, 'testProcessorConnector', { id: record.id });
    const body = { edit: { owner: 'Oscar Second' }, activate: { status: 'active' }, retire: { status: 'retired' } }[action];
    return send(who, 'updateProcessor', { id: record.id, version: record.version, body });
  },
};

/** A connector to the Stripe sandbox, the harness's connectors reach in-process. */
const stripeConnector = { vendor: 'stripe', baseUrl: sandboxBaseUrls.stripe, settings: {}, credentials: sandboxCredentials.stripe };

type Step = 'activate' | 'retire' | 'connect' | 'connectWithoutCredentials';
async function newProcessor(kind: 'processor' | 'own_location', then: readonly Step[] = []): Promise<string> {
  serial += 1;
  let p = processorView.parse(await ok(send('officer', 'createProcessor', { body: processorInput(`Test Processor ${serial}`, kind) })));
  for (const step of then) {
    const answer =
      step === 'connect'
        ? send('officer', 'setProcessorConnector', { id: p.id, version: p.version, body: stripeConnector })
        : step === 'connectWithoutCredentials'
          ? send('officer', 'setProcessorConnector', { id: p.id, version: p.version, body: { ...stripeConnector, credentials: undefined } })
          : processor.call('officer', p, step);
    p = processorView.parse(await ok(answer));
  }
  return p.id;
}

const everyone: readonly Who[] = ['officer', 'support', 'auditor'];
describeAgreement(processor, 'proposed, customer notice running', () => newProcessor('processor'), everyone);
describeAgreement(processor, 'proposed, no notice (own location)', () => newProcessor('own_location'), everyone);
describeAgreement(processor, 'active', () => newProcessor('own_location', ['activate']), everyone);
describeAgreement(processor, 'retired', () => newProcessor('own_location', ['retire']), everyone);
describeAgreement(processor, 'proposed, connector with credentials', () => newProcessor('processor', ['connect']), everyone);
describeAgreement(
  processor,
  'proposed, connector without credentials',
  () => newProcessor('processor', ['connectWithoutCredentials']),
  everyone,
);
describeAgreement(processor, 'retired, connector still set', () => newProcessor('processor', ['connect', 'retire']), everyone);

const settings: Kind<CompanySettings> = {
  kind: 'settings',
  async read(who) {
    return companySettings.parse(await ok(send(who, 'getSettings')));
  },
  async rule(_record, who, action) {
    return refusalOf(users[who].role, actionPermissions.settings, action as 'update', () => null);
  },
  call(who, record) {
    return send(who, 'updateSettings', { version: record.version, body: { processorNoticeDays: record.processorNoticeDays } });
  },
};
describeAgreement(settings, 'the company settings', async () => 'company', everyone);

// People, the review queue and accounts ----------------------------------------------------------

const subject: Kind<SubjectDetail> = {
  kind: 'subject',
  async read(who, id) {
    return subjectDetail.parse(await ok(send(who, 'getSubject', { id })));
  },
  async rule(record, who, action) {
    return refusalOf(users[who].role, actionPermissions.subject, action as keyof typeof actionPermissions.subject, (a) =>
      subjectActionBlocker(record.subject, a),
    );
  },
  call(who, record, action) {
    const id = record.subject.id;
    if (action === 'recordConsent') {
      return send(who, 'recordConsent', {
        body: { subjectId: id, purpose: 'product_research', action: 'granted', channel: 'call', note: 'Agreed on a call' },
      });
    }
    if (action === 'revealEmail') {
      return send(who, 'revealSubjectEmail', { id, body: { reason: 'Checking the address on a ticket', ticketRef: 'HS-1001' } });
    }
    return send(who, endpointOf('subject', action), { id });
  },
};
describeAgreement(subject, 'a person with an email address', async () => (await freshAccount()).person.id, everyone);
describeAgreement(
  subject,
  'a visitor known only by an id',
  async () => {
    serial += 1;
    const visitor: Subject = { id: `sub_visitor${serial}`, kind: 'visitor', accountId: null, name: null, email: null, accountRole: null };
    await h.store.transaction((tx) => tx.subjects.insert(visitor));
    return visitor.id;
  },
  everyone,
);

const usedReviews = new Set<string>();
const review: Kind<ConsentReviewItem> = {
  kind: 'consentReview',
  async read(who, eventId) {
    for (const status of ['open', 'reviewed']) {
      const list = page(consentReviewItem).parse(await ok(send(who, 'listConsentReviews', { query: { status, limit: '200' } })));
      const item = list.items.find((i) => i.event.id === eventId);
      if (item) return item;
    }
    throw new Error(`${eventId} is in neither list`);
  },
  async rule(record, who) {
    // An open item is in the queue because it is the person's current event; a reviewed one says so itself.
    const facts = record.review
      ? { review: record.review, reasons: record.reasons }
      : { review: null, reasons: record.reasons, current: true };
    return refusalOf(users[who].role, actionPermissions.consentReview, 'markReviewed', () => markReviewedBlocker(facts));
  },
  call(who, record) {
    return send(who, 'markConsentReviewed', { id: record.event.id, body: { note: 'Checked the recording' } });
  },
};
async function queued(): Promise<string> {
  const list = page(consentReviewItem).parse(await ok(send('officer', 'listConsentReviews', { query: { limit: '200' } })));
  const item = list.items.find((i) => !usedReviews.has(i.event.id));
  if (!item) throw new Error('the review queue ran out');
  usedReviews.add(item.event.id);
  return item.event.id;
}
describeAgreement(review, 'in the queue', queued, ['officer', 'auditor']);
describeAgreement(
  review,
  'reviewed',
  async () => {
    const eventId = await queued();
    await ok(send('officer2', 'markConsentReviewed', { id: eventId, body: { note: 'Looked at it' } }));
    return eventId;
  },
  ['officer', 'auditor'],
);

const account: Kind<AccountDetail> = {
  kind: 'account',
  async read(who, id) {
    const record = accountDetail.parse(await ok(send(who, 'getAccount', { id })));
    const list = page(accountView).parse(await ok(send(who, 'listAccounts', { query: { q: record.account.name } })));
    expect(list.items.find((a) => a.id === id)?.actions.cancel, 'the list answers the same').toEqual(record.actions.cancel);
    return record;
  },
  async rule(record, who, action) {
    const deletions = page(deletionListItem).parse(await ok(send('officer', 'listDeletions', { query: { accountId: record.account.id } })));
    const open = deletions.items.find((d) => isOpen(d.status))?.id ?? null;
    return refusalOf(users[who].role, actionPermissions.account, action as keyof typeof actionPermissions.account, (a) =>
      accountActionBlocker(record.account, open, a),
    );
  },
  call(who, record, action) {
    if (action === 'cancel') return send(who, 'cancelAccount', { id: record.account.id, body: {} });
    return send(who, 'createDeletion', {
      body: { accountId: record.account.id, origin: 'erasure_request', receivedAt: '2026-11-28T09:00:00.000Z', note: 'Asked by email' },
    });
  },
};
describeAgreement(account, 'active', async () => (await freshAccount()).account.id, everyone);
describeAgreement(account, 'active, an erasure request open', async () => (await erasureRequest()).accountId!, everyone);
describeAgreement(
  account,
  'cancelled',
  async () => {
    const { account: a } = await freshAccount();
    await ok(send('officer', 'cancelAccount', { id: a.id, body: {} }));
    return a.id;
  },
  everyone,
);

// Breaches -----------------------------------------------------------------------------------------

const breach: Kind<BreachView> = {
  kind: 'breach',
  async read(who, id) {
    const record = breachView.parse(await ok(send(who, 'getBreach', { id })));
    const list = page(breachListItem).parse(await ok(send(who, 'listBreaches', { query: { q: id } })));
    // A list offers no action on a breach: it answers the same version and clocks, by the same rule.
    expect(
      list.items.find((b) => b.id === id),
      'the list answers the same clocks',
    ).toMatchObject({
      version: record.version,
      clocks: record.clocks,
    });
    return record;
  },
  async rule(record, who, action) {
    const state = breachActions(record, users[who])[action as keyof BreachView['actions']];
    return state.allowed ? null : { code: users[who].role === 'privacy_officer' ? 'conflict' : 'forbidden', reason: state.reason ?? '' };
  },
  call(who, record, action) {
    const target = record.notifications.find((n) => n.status === 'draft') ?? record.notifications[0];
    const notificationId = target?.id ?? 'bnt_none';
    const at = { id: record.id, version: record.version };
    switch (action) {
      case 'edit':
        return send(who, 'updateBreach', { ...at, body: { title: 'Renamed' } });
      case 'close':
        return send(who, 'updateBreach', { ...at, body: { status: 'closed' } });
      case 'refreshAffected':
        return send(who, 'refreshBreachAffected', at);
      case 'exportAffected':
        return send(who, 'exportBreachAffected', { id: record.id });
      case 'assess':
        return send(who, 'assessBreach', { ...at, body: { likelihood: 'low', severity: 'low', reasoning: 'Unlikely', exception: null } });
      case 'addNotification':
        return send(who, 'addBreachNotification', { ...at, body: { audience: 'authority', recipient: 'Authority', text: 'Notice' } });
      case 'editNotification':
        return send(who, 'editBreachNotification', { ...at, body: { notificationId, text: 'Edited' } });
      default:
        return send(who, 'sendBreachNotification', { ...at, body: { notificationId } });
    }
  },
};
async function openBreach(): Promise<BreachView> {
  const at = (hours: number) => new Date(now().getTime() - hours * 3_600_000).toISOString();
  return breachView.parse(
    await ok(
      send('officer', 'createBreach', {
        body: {
          title: 'Laptop stolen',
          description: '',
          occurredFrom: at(3),
          occurredTo: null,
          awareAt: at(2),
          reportedBy: 'IT',
          systemIds: ['prc_mailchimp'],
          dataCategories: ['email'],
          concerns: 'own_data',
        },
      }),
    ),
  );
}
async function assessedUnlikely(): Promise<BreachView> {
  const b = await openBreach();
  return breachView.parse(
    await ok(
      send('officer', 'assessBreach', {
        id: b.id,
        version: b.version,
        body: { likelihood: 'low', severity: 'low', reasoning: 'Encrypted disk', exception: null },
      }),
    ),
  );
}
describeAgreement(breach, 'open, not assessed', async () => (await openBreach()).id, ['officer', 'auditor']);
describeAgreement(
  breach,
  'open, a draft notification',
  async () => {
    const b = await openBreach();
    await ok(
      send('officer', 'addBreachNotification', {
        id: b.id,
        version: b.version,
        body: { audience: 'authority', recipient: 'Authority', text: 'Notice' },
      }),
    );
    return b.id;
  },
  ['officer', 'auditor'],
);
describeAgreement(breach, 'assessed as unlikely to result in a risk', async () => (await assessedUnlikely()).id, ['officer', 'auditor']);
describeAgreement(
  breach,
  'closed',
  async () => {
    const b = await assessedUnlikely();
    await ok(send('officer', 'updateBreach', { id: b.id, version: b.version, body: { status: 'closed' } }));
    return b.id;
  },
  ['officer', 'auditor'],
);

// User accounts (issue 20) --------------------------------------------------------------------------

const userAccountKind: Kind<UserAccount> = {
  kind: 'userAccount',
  async read(who, id) {
    const list = userAccountList.parse(await ok(send(who, 'listUserAccounts')));
    const found = list.items.find((u) => u.id === id);
    if (!found) throw new Error(`No user account ${id}`);
    return found;
  },
  async rule(record, who, action) {
    return refusalOf(users[who].role, actionPermissions.userAccount, action as UserAccountActionName, (a) =>
      userAccountRule(users[who], record, a),
    );
  },
  call(who, record, action) {
    return send(who, endpointOf('userAccount', action), { id: record.id, body: {} });
  },
};
async function freshUser(status: 'active' | 'pending', mfa: boolean): Promise<string> {
  serial += 1;
  const id = `usr_test${serial}`;
  await h.store.transaction((tx) =>
    tx.users.insert({
      id,
      email: `user${serial}@test.example`,
      name: `User ${serial}`,
      role: 'support_agent',
      passwordHash: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      status,
      ...(mfa
        ? { mfa: { secret: 'sealed', enrolledAt: '2026-01-02T00:00:00.000Z', lastStep: 0, recoveryHashes: [], pendingSecret: null } }
        : {}),
    }),
  );
  return id;
}
describeAgreement(userAccountKind, 'pending (a first single sign-on)', () => freshUser('pending', false), ['officer', 'auditor']);
describeAgreement(userAccountKind, 'active, with two-factor', () => freshUser('active', true), ['officer', 'auditor']);
// DPA documents (issue 18) ----------------------------------------------------------------------

const pdfBytes = () => new TextEncoder().encode('%PDF-1.7\n% a signed DPA\n%%EOF\n');
async function putPdf(who: Who, processorId: string): Promise<Answer> {
  const res = await h.app.request(`/api/processors/${processorId}/dpa-document?fileName=dpa.pdf`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await tokenOf(who)}`, 'content-type': 'application/pdf' },
    body: pdfBytes(),
  });
  return { status: res.status, json: await res.json() };
}
const dpaDocument: Kind<DpaDocumentView> = {
  kind: 'dpaDocument',
  read: async (who, id) => dpaDocumentView.parse(await ok(send(who, 'getDpaDocument', { id }))),
  async rule(record, who, action) {
    return refusalOf(users[who].role, actionPermissions.dpaDocument, action as DpaDocumentActionName, (a) =>
      dpaDocumentBlocker(a, record.document !== null),
    );
  },
  call(who, record, action) {
    if (action === 'upload') return putPdf(who, record.processorId);
    return send(who, endpointOf('dpaDocument', action), { id: record.processorId });
  },
};
describeAgreement(dpaDocument, 'none attached', () => newProcessor('own_location'), ['officer', 'auditor']);
describeAgreement(
  dpaDocument,
  'attached',
  async () => {
    const id = await newProcessor('own_location');
    await ok(putPdf('officer', id));
    return id;
  },
  ['officer', 'auditor'],
);

describe('an auditor reads everything and is offered no write', () => {
  it('saw every action that changes something refused, each with its reason', () => {
    expect(new Set(auditorSaw.map((r) => r.kind))).toEqual(new Set(Object.keys(recordActions)));
    for (const { kind, actions } of auditorSaw) {
      for (const [action, state] of Object.entries(actions)) {
        // An export is a read (audited): proof of consent is one an auditor checks.
        if (endpoints[endpointOf(kind, action)].method === 'GET') continue;
        expect(state, `${kind}.${action}`).toEqual({ allowed: false, reason: 'Auditors may not do this' });
      }
    }
  });
});

describe('the agreement checks above', () => {
  it('called allowed actions and met both kinds of refusal on every kind of record', () => {
    for (const kind of Object.keys(recordActions) as RecordKind[]) {
      const t = tally.get(kind);
      expect(t?.allowed, `${kind}: allowed calls`).toBeGreaterThan(0);
      expect(t?.[403], `${kind}: refused as not yours`).toBeGreaterThan(0);
      // Settings have no state that refuses a change.
      if (kind !== 'settings') expect(t?.[409], `${kind}: refused as not now`).toBeGreaterThan(0);
    }
  });
});
