import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { z as Z } from 'zod';
import { attentionReasons } from '@/api/contract/attention-reasons';
import { consentPurposes } from '@/api/contract/consent-purposes';
import { endpoints } from '@/api/contract/endpoints';
import { dashboardEndpoint } from '@/features/dashboard/api/dashboard-check';
import type { Check } from './lean-check';
import { datePattern, emailPattern, instantPattern } from './lean-check';
import { sessionCheck } from './session-check';

/** Values that break one field or another: wrong types, bad dates, bad emails, bad text, out-of-range numbers. */
const oddValues: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'x'.repeat(65),
  'a\0b',
  '\ud800',
  'ada@example.com',
  'not an email',
  '2026-11-29',
  '2026-02-30',
  '2026-11-29T04:29:00Z',
  '2026-11-29T04:29:00.1Z',
  '2026-11-29T04:29Z',
  '2026-11-29T04:29:00.000+01:00',
  '2026-11-29T24:00:00.000Z',
  'Europe/Berlin',
  'privacy_officer',
  'open',
  'customers',
  'marketing_emails',
  'review_overdue',
  'dashboard.read',
  0,
  -0,
  3,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 60,
  true,
  false,
  {},
  [],
  [1],
];

type Path = (string | number)[];

/** Every path to a value inside `value` (objects' keys and arrays' indexes), the root excluded. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...paths(child, path)];
  });
}

/** A deep copy of `value` with the value at `path` changed (or, for `undefined` in an object, the key left out). */
function withValue(value: unknown, path: Path, next: unknown): unknown {
  const copy: unknown = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (next === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = next;
  return copy;
}

/** The check and the schema say the same of `value`: both refuse it, or both accept it and give the same data. */
function expectSameVerdict(lean: Check<unknown>, schema: Z.ZodType, value: unknown) {
  const ours = lean.safeParse(value);
  const theirs = schema.safeParse(value);
  expect({ value, success: ours.success }).toEqual({ value, success: theirs.success });
  if (ours.success && theirs.success) expect(ours.data).toStrictEqual(theirs.data);
}

/** Every sample, and every change of one of its fields (or one more key on one of its objects), judged alike. */
function holdsToSchema(lean: Check<unknown>, schema: Z.ZodType, samples: unknown[]) {
  for (const sample of samples) {
    expect(schema.safeParse(sample).success, 'each sample is a valid answer').toBe(true);
    expectSameVerdict(lean, schema, sample);
    for (const path of paths(sample)) {
      for (const odd of oddValues) expectSameVerdict(lean, schema, withValue(sample, path, odd));
    }
    for (const path of [[], ...paths(sample)]) {
      const at = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], sample);
      if (typeof at === 'object' && at !== null && !Array.isArray(at)) {
        expectSameVerdict(lean, schema, path.length === 0 ? { ...at, extra: 1 } : withValue(sample, path, { ...at, extra: 1 }));
      }
    }
  }
  for (const odd of oddValues) expectSameVerdict(lean, schema, odd);
}

describe('the checks that let the first page paint without zod', () => {
  it('use the very patterns zod uses for dates, instants and email addresses', () => {
    expect(datePattern.source).toBe(z.regexes.date.source);
    expect(instantPattern.source).toBe(z.regexes.datetime({ offset: false }).source);
    expect(emailPattern.source).toBe(z.regexes.email.source);
  });

  it('check the page’s session as the contract’s session schema does', () => {
    const user = { id: 'usr_1', email: 'ada@example.com', name: 'Ada', role: 'privacy_officer' };
    holdsToSchema(sessionCheck, endpoints.currentSession.response, [
      { user, permissions: ['dashboard.read', 'processors.read'] },
      {
        user: { ...user, role: 'auditor' },
        permissions: [],
        token: 'tok',
        mfaSetupRequired: true,
        timeZone: 'Europe/Berlin',
      },
    ]);
  });

  it('call the dashboard’s endpoint of the contract, and check its answer as the contract’s schema does', () => {
    expect({ method: dashboardEndpoint.method, path: dashboardEndpoint.path }).toEqual({
      method: endpoints.dashboard.method,
      path: endpoints.dashboard.path,
    });
    const instant = '2026-11-29T04:29:00.000Z';
    const full = {
      asOf: instant,
      deletions: { overdue: 1, dueWithin7Days: 4 },
      supportAccess: { awaitingApproval: 2, oldestAwaitingSince: instant, endingWithinHour: 0 },
      consent: {
        withdrawalsSince: '2026-10-30',
        withdrawals: [
          { purpose: consentPurposes[0], last30Days: 3, previous30Days: 1, usualRange: { min: 0, max: 4 } },
          { purpose: consentPurposes[7], last30Days: 0, previous30Days: 0 },
        ],
        reviewOpen: 5,
      },
      processors: { attention: attentionReasons.map((reason, count) => ({ reason, count })) },
      breaches: [
        {
          id: 'br_1',
          title: 'Lost laptop',
          status: 'open',
          awareAt: instant,
          nextDeadline: instant,
          nextAudience: 'authority',
          remindersDue: 1,
        },
        {
          id: 'br_2',
          title: 'Misdirected mail',
          status: 'contained',
          awareAt: instant,
          nextDeadline: null,
          nextAudience: null,
          remindersDue: 0,
        },
      ],
      revealBursts: [
        { actorId: 'usr_1', actorName: 'Ada', at: instant },
        { actorId: null, actorName: 'A removed user', at: instant },
      ],
      mine: { awaitingConsent: 0, awaitingApproval: 1, activeGrants: 2, endingWithinHour: 0 },
    };
    const sparse = {
      asOf: instant,
      deletions: null,
      supportAccess: null,
      consent: null,
      processors: { attention: [] },
      revealBursts: null,
      mine: null,
    };
    holdsToSchema(dashboardEndpoint.response, endpoints.dashboard.response, [full, sparse, { ...sparse, breaches: null }]);
  });
});
