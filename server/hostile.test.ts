import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '@/api/contract/common';
import { accountDetail } from '@/api/contract/accounts';
import { endpoints } from '@/api/contract/endpoints';
import { retentionTriggers } from '@/api/contract/processors';
import type { EndpointName } from '@/api/contract/endpoints';
import { roleHas } from '@/api/rules/permissions';
import type { Harness } from '@/testing/harness';
import { makeHarness } from '@/testing/harness';
import type { RawBody } from './hostile/arbitraries';
import { bodyArb, extraHeadersArb, forgedCookieArb, ifMatchArb, pathIdArb, queryArb } from './hostile/arbitraries';
import type { Fingerprint } from './hostile/fingerprint';
import { diff, makeFingerprinter } from './hostile/fingerprint';
import { createServerApp } from './http-app';
import type { TestStore } from './test-support';
import { makePgliteStore } from './test-support';

/**
 * Hostile input, against the Node server's HTTP app (security headers, /api routing) over a SqlStore on
 * PGlite in server mode (cookie sessions, origin checks). Every endpoint of the contract's table, as every
 * role and as nobody, gets generated malformed requests; none may answer 500+, every refusal must be the
 * contract's error shape, and a refused request must leave the database exactly as it was.
 */

type Who = 'privacy_officer' | 'support_agent' | 'auditor' | 'nobody';
const identities: Who[] = ['privacy_officer', 'support_agent', 'auditor', 'nobody'];
const emailOf: Record<Exclude<Who, 'nobody'>, string> = {
  privacy_officer: 'officer@demo.test',
  support_agent: 'support@demo.test',
  auditor: 'auditor@demo.test',
};
/**
 * Runs per endpoint and identity the endpoint admits; a third of that where the answer is decided at the door
 * (a role the endpoint refuses, or nobody). HOSTILE_RUNS raises it for a longer soak.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 14);

function admits(permission: (typeof endpoints)[EndpointName]['permission'], who: Who): boolean {
  if (permission === 'public') return true;
  if (who === 'nobody') return false;
  return permission === 'signed_in' || roleHas(who, permission);
}

let t: TestStore;
let h: Harness;
let server: Hono;
let fingerprint: () => Promise<Fingerprint>;
/** The database as the last request left it: requests run one at a time, so it is the next one's "before". */
let baseline: Fingerprint;
let realIds: string[] = [];
const tokens = new Map<Exclude<Who, 'nobody'>, string>();
let requestCount = 0;

async function tokenOf(who: Exclude<Who, 'nobody'>): Promise<string> {
  let token = tokens.get(who);
  if (!token) {
    token = await h.signInAs(emailOf[who]);
    tokens.set(who, token);
    // Signing in writes a session and an audit event: that is not the next request's doing.
    if (fingerprint) baseline = await fingerprint();
  }
  return token;
}

type Sent = { method: string; url: string; headers: Record<string, string>; body: RawBody | null };

function describeRequest(sent: Sent): string {
  const body =
    sent.body?.text === undefined
      ? '(none)'
      : JSON.stringify(sent.body.text.length > 300 ? `${sent.body.text.slice(0, 300)}…(${sent.body.text.length} chars)` : sent.body.text);
  const headers = Object.fromEntries(
    Object.entries(sent.headers).map(([k, v]) => [
      k,
      k === 'cookie' ? v.replace(/pc_session=[A-Za-z0-9_-]{20,}/, 'pc_session=<valid>') : v,
    ]),
  );
  return `${sent.method} ${sent.url.length > 300 ? `${sent.url.slice(0, 300)}…` : sent.url}\nheaders: ${JSON.stringify(headers)}\nbody: ${body}`;
}

/** One hostile request and every check on its answer. */
async function send(
  name: EndpointName,
  who: Who,
  parts: { id: string; query: string; body: RawBody; ifMatch?: string; extra: Record<string, string>; forged?: string },
) {
  const ep = endpoints[name];
  const path = ep.path.replace(':id', parts.id);
  const url = `http://localhost${path}${parts.query ? `?${parts.query}` : ''}`;
  const headers: Record<string, string> = { ...parts.extra };
  if (who !== 'nobody') headers.cookie = `pc_session=${await tokenOf(who)}`;
  else if (parts.forged) headers.cookie = parts.forged;
  if (parts.ifMatch !== undefined) headers['if-match'] = parts.ifMatch;
  const withBody = ep.method !== 'GET';
  if (withBody && parts.body.contentType) headers['content-type'] = parts.body.contentType;
  const sent: Sent = { method: ep.method, url, headers, body: withBody ? parts.body : null };

  const before = baseline;
  const res = await server.request(url, { method: ep.method, headers, body: withBody ? parts.body.text : undefined });
  requestCount++;
  const text = await res.text();
  const context = () => `${describeRequest(sent)}\nanswer ${res.status}: ${text.slice(0, 500)}`;
  const after = await fingerprint();
  baseline = after;

  if (res.status >= 500) throw new Error(`Server error\n${context()}`);
  if (res.status < 200 || res.status >= 300) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`A refusal that is not JSON\n${context()}`);
    }
    if (!errorBody.safeParse(json).success) throw new Error(`A refusal not in the contract's error shape\n${context()}`);
    // A refused sign-in counts its failure (throttling, audited): that is its purpose, not a change of data.
    const changed = diff(before, after).filter((k) => !(name === 'signIn' && k === 'signInFailures'));
    if (changed.length > 0) throw new Error(`A refused request changed ${changed.join(', ')}\n${context()}`);
  } else {
    if (ep.response && !('produces' in ep) && res.status !== 204) {
      const parsed = ep.response.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`A success not in the contract's response shape: ${parsed.error.message}\n${context()}`);
    }
    // Signing out ends the session this suite holds for the role: take a new one next time. Signing out
    // everywhere also ends the harness's own session of that user.
    if (name === 'signOut' && who !== 'nobody') tokens.delete(who);
    if (name === 'signOutEverywhere' && who !== 'nobody') {
      tokens.delete(who);
      h.forgetSessions();
    }
  }
  return res.status;
}

beforeAll(async () => {
  h = await makeHarness(async (options) => {
    t = await makePgliteStore(options);
    return t;
  }, 'server');
  server = createServerApp({ api: h.app, distDir: '/nonexistent-hostile-dist' });
  fingerprint = await makeFingerprinter(t);
  const s = h.seed;
  realIds = [
    ...s.accounts.slice(0, 3).map((a) => a.id),
    ...s.subjects.slice(0, 3).map((x) => x.id),
    ...s.processors.slice(0, 3).map((p) => p.id),
    ...s.supportAccess.slice(0, 4).map((r) => r.id),
    ...s.deletions.slice(0, 4).map((d) => d.id),
    ...s.deletions.flatMap((d) => d.tasks.map((task) => task.id)).slice(0, 2),
  ];
  for (const who of identities) if (who !== 'nobody') await tokenOf(who);
  baseline = await fingerprint();
});

afterAll(async () => {
  await t?.cleanup();
});

describe('hostile input to every endpoint of the contract', () => {
  const names = Object.keys(endpoints) as EndpointName[];
  const statuses = new Map<string, Map<number, number>>();

  it('covers the whole endpoint table', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of names) {
    const ep = endpoints[name];
    for (const who of identities) {
      it(`${ep.method} ${ep.path} as ${who}`, async () => {
        const arb = fc.record({
          id: pathIdArb(realIds),
          query: queryArb('query' in ep ? ep.query : undefined),
          body: bodyArb('body' in ep ? ep.body : undefined),
          ifMatch: ifMatchArb,
          extra: extraHeadersArb,
          forged: forgedCookieArb,
        });
        const seen = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(arb, async (parts) => {
            const status = await send(name, who, parts);
            seen.set(status, (seen.get(status) ?? 0) + 1);
          }),
          { numRuns: admits(ep.permission, who) ? RUNS : Math.ceil(RUNS / 3) },
        );
        statuses.set(`${name} as ${who}`, seen);
        // Sessions stay valid throughout: a role the endpoint admits gets past the door, and one it does not
        // is told so (403), not asked to sign in.
        if (who !== 'nobody' && ep.permission !== 'public') expect([...seen.keys()].some((s) => s !== 401)).toBe(true);
        if (!admits(ep.permission, who) && who !== 'nobody') expect(seen.has(403)).toBe(true);
      });
    }
  }

  afterAll(() => {
    const total = [...statuses.values()].flatMap((m) => [...m.values()]).reduce((a, b) => a + b, 0);
    const byStatus = new Map<number, number>();
    for (const m of statuses.values()) for (const [s, n] of m) byStatus.set(s, (byStatus.get(s) ?? 0) + n);
    console.info(
      `hostile: ${total} generated requests (${requestCount} sent in all); by status ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`,
    );
  });
});

describe('a NUL character anywhere', () => {
  // PostgreSQL text cannot hold U+0000: the API must refuse it (4xx), not pass it to the database (500).
  const officer = { who: 'privacy_officer' as const, query: '', ifMatch: undefined, extra: {} };
  const json = (value: unknown): RawBody => ({ text: JSON.stringify(value), contentType: 'application/json' });
  it('in a path id is refused, not a server error', async () => {
    await send('getProcessor', officer.who, { ...officer, id: 'a%00b', body: json({}) });
  });
  it('in a query parameter is refused, not a server error', async () => {
    await send('listAccounts', officer.who, { ...officer, id: '', query: 'q=a%00b', body: json({}) });
  });
  it('in a free-text field of a body is refused, not a server error', async () => {
    const subjectId = h.seed.subjects[0]!.id;
    await send('recordConsent', officer.who, {
      ...officer,
      id: '',
      body: json({ subjectId, purpose: 'marketing_emails', action: 'withdrawn', channel: 'call', note: 'said so\u0000' }),
    });
  });
});

describe('an unpaired surrogate or a NUL in every text field of every body', () => {
  type Def = { type: string; [k: string]: unknown };
  const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
  /** The schema under optional/nullable/default wrappers. */
  const unwrap = (schema: unknown): Def => {
    const def = defOf(schema);
    return ['optional', 'nullable', 'default'].includes(def.type) ? unwrap(def.innerType) : def;
  };
  const cases = (Object.keys(endpoints) as EndpointName[]).flatMap((name) => {
    const ep = endpoints[name];
    if (!('body' in ep) || !ep.body || defOf(ep.body).type !== 'object') return [];
    const who: Who = (['privacy_officer', 'support_agent', 'auditor'] as const).find((w) => admits(ep.permission, w)) ?? 'nobody';
    return Object.entries(defOf(ep.body).shape as Record<string, unknown>)
      .filter(([, field]) => unwrap(field).type === 'string')
      .map(([field]) => ({ name, field, who }));
  });

  it('finds the text fields', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  for (const { name, field, who } of cases) {
    it(`${name}.${field} as ${who}: 422 naming the field, nothing stored`, async () => {
      for (const bad of ['x\ud800', '\udfffx', 'x\u0000']) {
        const text = JSON.stringify({ [field]: bad });
        // Through the hostile sender: no 500, the error shape, the database unchanged.
        expect(
          await send(name, who, { id: realIds[0]!, query: '', body: { text, contentType: 'application/json' }, ifMatch: '"1"', extra: {} }),
        ).toBe(422);
        const ep = endpoints[name];
        const headers: Record<string, string> = { 'content-type': 'application/json', 'if-match': '"1"' };
        if (who !== 'nobody') headers.cookie = `pc_session=${await tokenOf(who)}`;
        const res = await server.request(`http://localhost${ep.path.replace(':id', realIds[0]!)}`, {
          method: ep.method,
          headers,
          body: text,
        });
        const parsed = errorBody.parse(await res.json());
        expect(parsed.error.fields?.[field], JSON.stringify(parsed)).toBeTruthy();
        baseline = await fingerprint();
      }
    });
  }
});

describe('two officers acting on the same record at once', () => {
  const TRIALS = 20;
  type Res = Awaited<ReturnType<Harness['call']>>;
  /** Exactly one of two racing decisions wins; the other is told the record moved on (409 or 412). */
  function expectOneWinner(results: Res[]): number {
    const statuses = results.map((r) => r.status);
    const winners = statuses.filter((s) => s >= 200 && s < 300);
    expect(winners, `statuses ${statuses.join(', ')}`).toHaveLength(1);
    const loser = results.find((r) => r.status >= 300)!;
    expect([409, 412], `statuses ${statuses.join(', ')}`).toContain(loser.status);
    expect(errorBody.safeParse(loser.json).success).toBe(true);
    return statuses.findIndex((s) => s < 300);
  }

  it(`approve against deny of one support-access request: one wins, in each of ${TRIALS} trials`, async () => {
    const accounts = h.seed.accounts.filter((a) => a.hosting === 'cloud' && a.status === 'active');
    let trials = 0;
    for (let i = 0; trials < TRIALS && i < TRIALS * 3; i++) {
      const account = accounts[i % accounts.length]!;
      const person = h.seed.subjects.find((s) => s.accountId === account.id && s.accountRole === 'owner');
      if (!person) continue;
      // The generated requests above reach the first few real ids, and a well-formed one may cancel an account.
      const now = accountDetail.parse((await h.call('officer', 'GET', `/api/accounts/${account.id}`)).json);
      if (now.account.status !== 'active') continue;
      const made = await h.call('support', 'POST', '/api/support-access-requests', {
        body: {
          accountId: account.id,
          ticketRef: `RACE-${i}`,
          reason: 'Reproduce a reported bug',
          scope: 'read',
          durationHours: 1,
          ownerId: person.id,
        },
      });
      // An open request of the agent's own on this account, or an open deletion request for it.
      if (made.status === 409 || made.status === 422) continue;
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      // The owner consents on the consent page (no session).
      const token = String(made.json.issuedConsentLink).split('/').pop();
      const consentGiven = await h.call('nobody', 'POST', `/api/public/access/${token}/consent`, {
        body: { typedName: person.name, username: 'admin', password: 'p' },
      });
      expect(consentGiven.status).toBe(200);
      const consented = await h.call('auditor', 'GET', `/api/support-access-requests/${made.json.id}`);
      const { id, version } = consented.json as { id: string; version: number };
      const results = await Promise.all([
        h.call('officer', 'POST', `/api/support-access-requests/${id}/approve`, { version }),
        h.call('officer2', 'POST', `/api/support-access-requests/${id}/deny`, { body: { reason: 'Not needed' }, version }),
      ]);
      const winner = expectOneWinner(results);
      const after = await h.call('auditor', 'GET', `/api/support-access-requests/${id}`);
      expect(after.json.status).toBe(winner === 0 ? 'active' : 'denied');
      expect(after.json.version).toBe(version + 1);
      const decisions = await h.call('auditor', 'GET', `/api/audit-events?recordId=${id}&limit=200`);
      const actions = (decisions.json.items as { action: string }[]).map((e) => e.action).filter((a) => /approve|deny/.test(a));
      expect(actions).toHaveLength(1);
      // Close an approved grant so the next trial may ask for this account again.
      if (winner === 0)
        expect(
          (
            await h.call('officer', 'POST', `/api/support-access-requests/${id}/revoke`, {
              body: { reason: 'Trial over' },
              version: version + 1,
            })
          ).status,
        ).toBe(200);
      trials++;
    }
    expect(trials).toBe(TRIALS);
  });

  it(`approve against reject of one deletion request: one wins, in each of ${TRIALS} trials`, async () => {
    let trials = 0;
    for (const account of h.seed.accounts) {
      if (trials >= TRIALS) break;
      // Rejected requests close, so one account serves until an approval wins there.
      for (;;) {
        if (trials >= TRIALS) break;
        // Made by a third hand: its creator may not approve it (four eyes).
        const made = await h.call('officer2', 'POST', '/api/deletion-requests', {
          body: { accountId: account.id, origin: 'erasure_request', receivedAt: h.clock.now.toISOString(), note: 'Asked by email' },
        });
        if (made.status !== 201) break; // the account has an open request
        const { id, version, accountName } = made.json as { id: string; version: number; accountName: string };
        const results = await Promise.all([
          h.call('officer', 'POST', `/api/deletion-requests/${id}/approve`, { body: { confirmAccountName: accountName }, version }),
          h.call('officer2', 'POST', `/api/deletion-requests/${id}/reject`, { body: { reason: 'Not the account holder' }, version }),
        ]);
        const winner = expectOneWinner(results);
        const after = await h.call('auditor', 'GET', `/api/deletion-requests/${id}`);
        expect(after.json.status).toBe(winner === 0 ? 'approved' : 'rejected');
        const events = await h.call('auditor', 'GET', `/api/audit-events?recordId=${id}&limit=200`);
        expect((events.json.items as { action: string }[]).filter((e) => /approve|reject/.test(e.action))).toHaveLength(1);
        trials++;
        if (winner === 0) break;
      }
    }
    expect(trials).toBe(TRIALS);
  });
});

describe('script and markup in free text, in every export', () => {
  const hostile = {
    name: '<script>alert("name")</script>',
    description: '<img src=x onerror=alert(1)> [click](javascript:alert(2)) =cmd',
    legalEntity: '=HYPERLINK("https://evil.example","legal")',
    owner: '+SUM(1+1)',
    purpose: '-2+3',
    note: '@SUM(A1)',
    consentNote: '=HYPERLINK("https://evil.example") <script>alert("note")</script>',
  };
  // Every download that carries records (the OpenAPI document carries only the contract).
  // The DPA document is the uploader's own PDF, served byte for byte as an attachment with nosniff (its API
  // tests check that): there is no text of ours in it to keep inert.
  const exportNames = (Object.keys(endpoints) as EndpointName[]).filter(
    (n) => 'produces' in endpoints[n] && n !== 'openApi' && n !== 'downloadDpaDocument',
  );
  let subjectId = '';
  let processorId = '';
  let breachId = '';
  let consentEventId = '';

  /** RFC 4180 cells, enough for our own output. */
  function csvCells(text: string): string[] {
    const cells: string[] = [];
    const re = /(?:^|,|\r\n)(?:"((?:[^"]|"")*)"|([^,\r\n]*))/g;
    for (const m of text.matchAll(re)) cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
    return cells;
  }

  beforeAll(async () => {
    const list = await h.call('officer', 'GET', '/api/processors');
    const target = (list.json.items as { id: string; kind: string; status: string; purposes: unknown[] }[]).find(
      (p) => p.kind === 'processor' && p.status === 'active' && p.purposes.length > 0,
    );
    expect(target).toBeTruthy();
    processorId = target!.id;
    const current = (await h.call('officer', 'GET', `/api/processors/${processorId}`)).json as {
      version: number;
      purposes: { purpose: string }[];
    };
    const res = await h.call('officer', 'PATCH', `/api/processors/${processorId}`, {
      version: current.version,
      body: {
        name: hostile.name,
        description: hostile.description,
        legalEntity: hostile.legalEntity,
        owner: hostile.owner,
        purposes: current.purposes.map((p, i) => (i === 0 ? { ...p, purpose: hostile.purpose } : p)),
        retention: { amount: 30, unit: 'days', trigger: retentionTriggers[0], note: hostile.note },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    subjectId = h.seed.subjects.find((x) => x.kind === 'person')!.id;
    const consent = await h.call('officer', 'POST', '/api/consent-events', {
      body: { subjectId, purpose: 'marketing_emails', action: 'withdrawn', channel: 'call', note: hostile.consentNote },
    });
    expect(consent.status, JSON.stringify(consent.json)).toBe(201);
    // A breach at the processor named in hostile text: its affected list names accounts and people.
    const aware = new Date(h.clock.now.getTime() - 3_600_000).toISOString();
    const breach = await h.call('officer', 'POST', '/api/breaches', {
      body: {
        title: hostile.name,
        description: hostile.description,
        occurredFrom: aware,
        occurredTo: null,
        awareAt: aware,
        reportedBy: hostile.owner,
        systemIds: [processorId],
        dataCategories: [],
        concerns: 'both',
      },
    });
    expect(breach.status, JSON.stringify(breach.json)).toBe(201);
    breachId = (breach.json as { id: string }).id;
    consentEventId = (consent.json as { id: string }).id;
  });

  it('covers every export endpoint of the table', () => {
    expect(exportNames.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of exportNames) {
    const ep = endpoints[name];
    it(`${ep.path} carries the hostile text inert`, async () => {
      const idFor: Record<string, string> = {
        subjects: subjectId,
        processors: processorId,
        breaches: breachId,
        'consent-events': consentEventId,
      };
      const segment = ep.path.split('/')[2]!;
      if (ep.path.includes(':id') && !idFor[segment]) throw new Error(`No record id for the export ${ep.path}: add one here`);
      const path = ep.path.replace(':id', idFor[segment] ?? '');
      const res = await server.request(`http://localhost${path}`, {
        headers: { cookie: `pc_session=${await tokenOf('privacy_officer')}` },
      });
      expect(res.status).toBe(200);
      const kind = 'produces' in ep ? ep.produces : undefined;
      expect(res.headers.get('content-type')).toContain(kind);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      if (kind === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
        // A workbook: every hostile value is a text cell, and no cell is a formula.
        const { default: ExcelJS } = await import('exceljs');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await res.arrayBuffer());
        const cells: { type: number; value: unknown }[] = [];
        workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push({ type: cell.type, value: cell.value }))));
        expect(cells.filter((c) => c.type === Number(ExcelJS.ValueType.Formula))).toEqual([]);
        for (const value of [hostile.legalEntity, hostile.owner, hostile.purpose]) {
          expect(cells.some((c) => typeof c.value === 'string' && c.value.includes(value))).toBe(true);
        }
        return;
      }
      const body = await res.text();
      if (name === 'consentReceiptHtml') {
        // The receipt of the hostile consent event: no free text of ours reaches it, and none runs.
        expect(body).not.toMatch(/<script|<img|href="javascript:/i);
        expect(body).toContain(consentEventId);
      } else if (name === 'consentReceiptKantara' || name === 'consentReceiptIso') {
        // Data, not a page; the note (free text) is not part of a receipt.
        expect(JSON.parse(body)).toBeTruthy();
        expect(body).not.toContain('<script');
      } else if (kind === 'text/csv') {
        // Markup is inert in CSV; formulas are not: no cell may start with = + - @ (or tab/CR).
        const cells = csvCells(body);
        expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
        if (name === 'exportRegistryCsv') {
          for (const value of [hostile.legalEntity, hostile.owner, hostile.purpose]) expect(cells).toContain(`'${value}`);
        }
      } else if (kind === 'text/html') {
        expect(body).not.toMatch(/<script|<img|href="javascript:/i);
        expect(body).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
        expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
      } else if (kind === 'text/markdown') {
        expect(body).not.toMatch(/(?<!\\)<(script|img)|\]\(javascript:/i);
        expect(body).toContain('\\<script\\>');
      } else if (kind === 'application/json') {
        // Data, not a page: served as JSON (never sniffed as HTML), with the text as it was given.
        expect(JSON.stringify(JSON.parse(body))).toContain(JSON.stringify(hostile.consentNote).slice(1, -1));
      } else {
        throw new Error(`No inertness check for ${kind} exports (${ep.path}): add one here`);
      }
    });
  }
});
