import type { Account, Subject } from '@/api/contract/accounts';
import type { ConsentAction, ConsentChannel, ConsentEvent, ConsentPurpose, Evidence, Notice, RecordedBy } from '@/api/contract/consent';
import { consentPurposes } from '@/api/contract/consent';
import type { DeletionRequest, DeletionStatus, DeletionTask, LegalHold } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { AccessStatus, CustomerConsent, TimelineEntry } from '@/api/contract/support-access';
import { accessDecideBy, DEFAULT_TIME_ZONE, deletionDueAt, extendedDueAt } from '@/api/rules/deadlines';
import { deletionTasksFor, holdsDataFor } from '@/api/rules/deletions';
import { addMonthsToDate, dateInWords, dayInWords, instantInWords, localDate } from '@/api/rules/time';
import { sha256Hex } from '@/api/services/crypto';
import { newDeletionRequest, newSupportAccessRecord } from '@/api/records';
import type { SupportAccessRecord } from '@/api/store/schemas';
import type { SeedData, SeedOptions, SeedUser } from './seed-data';
import { demoPassword } from './seed-data';
import { seedConnectorSecrets, seedProcessors } from './seed-processors';
import { makeBreaches } from './seed-breaches';
import {
  accessReasons,
  companyFirst,
  companySecond,
  denialReasons,
  erasureNotes,
  firstNames,
  lastNames,
  legalForms,
  noticeTexts,
  rejectionReasons,
  revokeReasons,
  staffNotes,
  userAgents,
  withdrawReasons,
} from './seed-words';

export const seedDefaults = {
  seed: 1,
  accounts: 2000,
  consentEvents: 50_000,
  supportAccessRequests: 60,
  deletionRequests: 80,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const TZ = DEFAULT_TIME_ZONE;

/** mulberry32: small, fast, and the same sequence in every JavaScript engine. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }
  weighted<T>(choices: Weighted<T>): T {
    const r = this.next() * choices.total;
    const { items, upTo } = choices;
    for (let i = 0; i < items.length - 1; i++) if (r < (upTo[i] ?? 0)) return at(items, i);
    return at(items, items.length - 1);
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = at(out, i);
      out[i] = at(out, j);
      out[j] = a;
    }
    return out;
  }
}

/** Choices with their weights, as running totals: the seed picks from these a few million times. */
type Weighted<T> = { items: readonly T[]; upTo: readonly number[]; total: number };
function weights<T>(choices: readonly (readonly [T, number])[]): Weighted<T> {
  let total = 0;
  const upTo = choices.map(([, w]) => (total += w));
  return { items: choices.map(([item]) => item), upTo, total };
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`Seed: no item at ${index} of ${items.length}`);
  return item;
}

/** Each part of the seed draws from its own stream, so asking for more events leaves the accounts as they were. */
function stream(seed: number, salt: number): Random {
  return new Random(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35));
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const widthFor = (count: number, min: number): number => Math.max(min, String(count).length);

function ascii(text: string): string {
  return text
    .replace(/đ/g, 'dj')
    .replace(/Đ/g, 'Dj')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}
const slugify = (text: string): string =>
  ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const seedUsers: readonly SeedUser[] = [
  { id: 'usr_officer', email: 'officer@demo.test', name: 'Olivia Officer', role: 'privacy_officer', password: demoPassword },
  { id: 'usr_officer2', email: 'officer2@demo.test', name: 'Oscar Second', role: 'privacy_officer', password: demoPassword },
  { id: 'usr_support', email: 'support@demo.test', name: 'Sam Support', role: 'support_agent', password: demoPassword },
  { id: 'usr_auditor', email: 'auditor@demo.test', name: 'Ada Auditor', role: 'auditor', password: demoPassword },
];
const [officer, officer2, support] = [at(seedUsers, 0), at(seedUsers, 1), at(seedUsers, 2)];
const officers = [officer, officer2];

/**
 * The demo's data, generated from `options` alone: the same options give the same data, byte for
 * byte (a seeded PRNG, ids from counters, every instant counted from `options.now`).
 */
export async function generateSeed(options: SeedOptions): Promise<SeedData> {
  const seed = options.seed ?? seedDefaults.seed;
  const accountCount = Math.max(1, Math.floor(options.accounts ?? seedDefaults.accounts));
  const eventCount = Math.max(0, Math.floor(options.consentEvents ?? seedDefaults.consentEvents));
  const accessCount = Math.max(0, Math.floor(options.supportAccessRequests ?? seedDefaults.supportAccessRequests));
  // Each deletion needs an account of its own, and half the accounts stay for everything else.
  const deletionCount = Math.min(
    Math.max(0, Math.floor(options.deletionRequests ?? seedDefaults.deletionRequests)),
    Math.floor(accountCount / 2),
  );
  const now = options.now.getTime();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const today = localDate(options.now, TZ);

  const processors = seedProcessors(today, (monthsAgo) => iso(now - monthsAgo * 30 * DAY), { id: officer.id, name: officer.name });
  const notices = await makeNotices(now);
  const accounts = makeAccounts(accountCount, stream(seed, 1), now);
  const deletionRng = stream(seed, 2);
  const order = deletionRng.shuffle(accounts.map((_, i) => i));
  const deletions = makeDeletions({
    rng: deletionRng,
    count: deletionCount,
    accounts: order.slice(0, deletionCount).map((i) => at(accounts, i).account),
    processors,
    now,
  });
  const visitorCount = Math.round(accountCount * 1.5);
  const subjectWidth = widthFor(accountCount * 5 + visitorCount, 6);
  const people = makePeople(accounts, stream(seed, 3), subjectWidth);
  const visitors = makeVisitors(visitorCount, people.length, subjectWidth);
  const taken = new Set(deletions.map((d) => d.accountId));
  const eligible = order
    .slice(deletionCount)
    .map((i) => at(accounts, i).account)
    .filter((a) => a.hosting === 'cloud' && a.status === 'active' && !taken.has(a.id));
  const supportAccess = makeSupportAccess({ rng: stream(seed, 4), count: accessCount, accounts: eligible, people, now });
  const consentEvents = await makeConsentEvents({
    rng: stream(seed, 5),
    count: eventCount,
    people,
    visitors,
    accounts: new Map(accounts.map(({ account }) => [account.id, account])),
    notices,
    now,
  });

  // People's own erasure requests (Art. 17), from a stream of their own so that nothing above changes with them.
  const accountNames = new Map(accounts.map(({ account }) => [account.id, account.name]));
  deletions.push(
    ...makePersonErasures({
      rng: stream(seed, 7),
      people,
      visitors,
      taken,
      accountNames,
      supportAccess,
      processors,
      now,
      first: deletionCount,
    }),
  );

  return {
    anchor: iso(now),
    users: seedUsers.map((u) => ({ ...u })),
    accounts: accounts.map(({ account }) => account),
    subjects: [...people, ...visitors],
    processors,
    connectorSecrets: seedConnectorSecrets(),
    notices,
    consentEvents,
    supportAccess,
    deletions,
    breaches: makeBreaches({ now, processors, accounts: accounts.map(({ account }) => account), events: consentEvents, officer }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Notices

type NoticeVersion = { version: string; hash: string; publishedMs: number };

/** Months before now each version was published; the first predates the oldest event. */
const noticeAges = [38, 20, 5];

async function makeNotices(now: number): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const purpose of consentPurposes) {
    const texts = noticeTexts[purpose];
    for (let v = 0; v < texts.length; v++) {
      const text = at(texts, v);
      // Versions of different purposes were published on different days.
      const publishedMs = now - at(noticeAges, v) * 30 * DAY - consentPurposes.indexOf(purpose) * 3 * DAY;
      notices.push({ hash: await sha256Hex(text), purpose, version: `v${v + 1}`, text, publishedAt: new Date(publishedMs).toISOString() });
    }
  }
  return notices;
}

// ---------------------------------------------------------------------------------------------------
// Accounts, people and visitors

type SeedAccount = { account: Account; domain: string };

const nameCombinations = companyFirst.length * companySecond.length * legalForms.length;
/** Coprime with the number of combinations, so consecutive accounts get unrelated, never repeated, names. */
const NAME_STRIDE = 7919;

function accountName(i: number, offset: number): string {
  const j = (i * NAME_STRIDE + offset) % nameCombinations;
  const first = at(companyFirst, j % companyFirst.length);
  const second = at(companySecond, Math.floor(j / companyFirst.length) % companySecond.length);
  const form = at(legalForms, Math.floor(j / (companyFirst.length * companySecond.length)) % legalForms.length);
  const round = Math.floor(i / nameCombinations);
  return `${first} ${second}${round > 0 ? ` ${round + 1}` : ''}${form}`;
}

function makeAccounts(count: number, rng: Random, now: number): SeedAccount[] {
  const width = widthFor(count, 5);
  const offset = rng.int(0, nameCombinations - 1);
  const accounts: SeedAccount[] = [];
  for (let i = 0; i < count; i++) {
    const name = accountName(i, offset);
    const cloud = rng.chance(0.8);
    const trial = rng.chance(0.08);
    const createdMs = Math.round(trial ? now - rng.between(1 * DAY, 29 * DAY) : now - rng.between(31 * DAY, 6 * YEAR));
    accounts.push({
      domain: `${slugify(name)}.example`,
      account: {
        id: `acc_${pad(i + 1, width)}`,
        name,
        hosting: cloud ? 'cloud' : 'self_hosted',
        plan: trial ? 'trial' : 'paid',
        status: 'active',
        primaryRegion: cloud ? (rng.chance(0.62) ? 'US' : 'CA') : null,
        createdAt: new Date(createdMs).toISOString(),
        cancelledAt: null,
        peopleCount: 0,
      },
    });
  }
  return accounts;
}

const peopleWeights = weights([
  [1, 30],
  [2, 25],
  [3, 20],
  [4, 15],
  [5, 10],
] as const);

function makePeople(accounts: SeedAccount[], rng: Random, width: number): Subject[] {
  const people: Subject[] = [];
  for (const { account, domain } of accounts) {
    const n = rng.weighted(peopleWeights);
    const locals = new Set<string>();
    for (let k = 0; k < n; k++) {
      const first = rng.pick(firstNames);
      const last = rng.pick(lastNames);
      const base = `${ascii(first)}.${ascii(last)}`.toLowerCase().replace(/[^a-z.]/g, '');
      let local = base;
      for (let d = 2; locals.has(local); d++) local = `${base}${d}`;
      locals.add(local);
      const role = k === 0 ? 'owner' : k === 1 && account.plan === 'paid' && rng.chance(0.4) ? 'billing' : 'member';
      people.push({
        id: `sub_${pad(people.length + 1, width)}`,
        kind: 'person',
        accountId: account.id,
        name: `${first} ${last}`,
        email: `${local}@${domain}`,
        accountRole: role,
      });
    }
    account.peopleCount = n;
  }
  return people;
}

function makeVisitors(count: number, peopleCount: number, width: number): Subject[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `sub_${pad(peopleCount + i + 1, width)}`,
    kind: 'visitor',
    accountId: null,
    name: null,
    email: null,
    accountRole: null,
  }));
}

// ---------------------------------------------------------------------------------------------------
// Consent events

const personPurposes = weights<ConsentPurpose>([
  ['marketing_emails', 30],
  ['analytics_cookies', 14],
  ['advertising_cookies', 12],
  ['product_research', 12],
  ['call_recording', 10],
  ['third_party_app_sharing', 10],
  ['testimonial_quote', 6],
  ['customer_story', 6],
]);
const visitorPurposes = weights<ConsentPurpose>([
  ['analytics_cookies', 55],
  ['advertising_cookies', 45],
]);
const cookiePurposes = new Set<ConsentPurpose>(['analytics_cookies', 'advertising_cookies']);
const staffChannels = new Set<ConsentChannel>(['call', 'support_conversation', 'sales']);
const webChannels = new Set<ConsentChannel>(['sign_up_form', 'account_settings', 'email_link', 'cookie_banner']);

type ChannelWeights = Record<ConsentAction, Weighted<ConsentChannel>>;
const cookieChannels: ChannelWeights = {
  granted: weights<ConsentChannel>([
    ['cookie_banner', 92],
    ['account_settings', 8],
  ]),
  withdrawn: weights<ConsentChannel>([
    ['cookie_banner', 80],
    ['account_settings', 20],
  ]),
};
const channels: Record<ConsentPurpose, ChannelWeights> = {
  marketing_emails: {
    granted: weights<ConsentChannel>([
      ['sign_up_form', 55],
      ['account_settings', 25],
      ['sales', 12],
      ['call', 8],
    ]),
    withdrawn: weights<ConsentChannel>([
      ['email_link', 60],
      ['account_settings', 28],
      ['support_conversation', 12],
    ]),
  },
  product_research: {
    granted: weights<ConsentChannel>([
      ['email_link', 50],
      ['account_settings', 40],
      ['support_conversation', 10],
    ]),
    withdrawn: weights<ConsentChannel>([
      ['email_link', 55],
      ['account_settings', 45],
    ]),
  },
  testimonial_quote: {
    granted: weights<ConsentChannel>([
      ['sales', 45],
      ['email_link', 35],
      ['support_conversation', 20],
    ]),
    withdrawn: weights<ConsentChannel>([
      ['support_conversation', 60],
      ['email_link', 40],
    ]),
  },
  customer_story: {
    granted: weights<ConsentChannel>([
      ['sales', 50],
      ['email_link', 35],
      ['call', 15],
    ]),
    withdrawn: weights<ConsentChannel>([
      ['email_link', 55],
      ['support_conversation', 45],
    ]),
  },
  call_recording: {
    granted: weights<ConsentChannel>([['call', 100]]),
    withdrawn: weights<ConsentChannel>([
      ['call', 70],
      ['support_conversation', 30],
    ]),
  },
  advertising_cookies: cookieChannels,
  analytics_cookies: cookieChannels,
  third_party_app_sharing: {
    granted: weights<ConsentChannel>([['account_settings', 100]]),
    withdrawn: weights<ConsentChannel>([['account_settings', 100]]),
  },
};
const staffRecorders = weights([
  [support, 60],
  [officer, 25],
  [officer2, 15],
] as const);

/** Documentation addresses (RFC 5737): realistic to hash, never anyone's. */
async function ipHashPool(): Promise<string[]> {
  return Promise.all(Array.from({ length: 256 }, (_, i) => sha256Hex(`${i < 128 ? '203.0.113' : '198.51.100'}.${(i % 128) * 2 + 1}`)));
}

/** How many events each subject gets: people more than visitors, spread unevenly, adding up exactly to `total`. */
function quotas(rng: Random, people: number, visitors: number, total: number): Uint32Array {
  const n = people + visitors;
  const w = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    w[i] = (i < people ? 3 : 1) * rng.between(0.3, 1.7);
    sum += w[i] ?? 0;
  }
  const q = new Uint32Array(n);
  if (n === 0) return q;
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < n; i++) {
    cumulative += w[i] ?? 0;
    const upTo = i === n - 1 ? total : Math.min(total, Math.floor((total * cumulative) / sum));
    q[i] = upTo - given;
    given = upTo;
  }
  return q;
}

async function makeConsentEvents(input: {
  rng: Random;
  count: number;
  people: readonly Subject[];
  visitors: readonly Subject[];
  accounts: ReadonlyMap<string, Account>;
  notices: readonly Notice[];
  now: number;
}): Promise<ConsentEvent[]> {
  const { rng, count, people, visitors, accounts, now } = input;
  const ipHashes = await ipHashPool();
  const versions = new Map<ConsentPurpose, NoticeVersion[]>();
  for (const n of input.notices) {
    const list = versions.get(n.purpose) ?? [];
    list.push({ version: n.version, hash: n.hash, publishedMs: Date.parse(n.publishedAt) });
    versions.set(n.purpose, list);
  }
  const noticeAt = (purpose: ConsentPurpose, t: number): NoticeVersion => {
    const list = versions.get(purpose) ?? [];
    let current = at(list, 0);
    for (const v of list) if (v.publishedMs <= t) current = v;
    return current;
  };

  const subjects = [...people, ...visitors];
  const quota = quotas(rng, people.length, visitors.length, count);
  const width = widthFor(count, 7);
  const events: ConsentEvent[] = [];
  const horizon = now - 3 * YEAR;
  const times: number[] = [];
  const lastAction = new Map<ConsentPurpose, { action: ConsentAction; version: string }>();

  for (let s = 0; s < subjects.length; s++) {
    const q = quota[s] ?? 0;
    if (q === 0) continue;
    const subject = at(subjects, s);
    const account = subject.accountId ? accounts.get(subject.accountId) : undefined;
    const start = Math.max(horizon, account ? Date.parse(account.createdAt) : now - rng.between(0, 3 * YEAR));
    const end = account?.cancelledAt ? Date.parse(account.cancelledAt) : now;
    times.length = 0;
    for (let k = 0; k < q; k++) times.push(Math.round(start + rng.next() * Math.max(0, end - start)));
    times.sort((a, b) => a - b);
    lastAction.clear();
    const person = subject.kind === 'person';
    const userAgent = rng.pick(userAgents);
    let ipHash = rng.pick(ipHashes);

    for (const t of times) {
      const purpose = rng.weighted(person ? personPurposes : visitorPurposes);
      const notice = noticeAt(purpose, t);
      const last = lastAction.get(purpose);
      let action: ConsentAction;
      if (!last) action = cookiePurposes.has(purpose) && rng.chance(0.12) ? 'withdrawn' : 'granted';
      else if (last.action === 'withdrawn') action = 'granted';
      // A grant is renewed when the notice changed; otherwise the next event is the withdrawal.
      else action = last.version !== notice.version && rng.chance(0.5) ? 'granted' : 'withdrawn';
      lastAction.set(purpose, { action, version: notice.version });

      const channel: ConsentChannel = person ? rng.weighted(channels[purpose][action]) : 'cookie_banner';
      // A call, a sale or a support conversation is always recorded by a staff member. Three in four pick who by
      // weight; the rest take turns without a draw, so the random stream (and every record after) stays as it was.
      const byStaff = person && staffChannels.has(channel);
      const drawn = byStaff && rng.chance(0.75);
      const staff = !byStaff
        ? null
        : drawn
          ? rng.weighted(staffRecorders)
          : at(staffRecorders.items, events.length % staffRecorders.items.length);
      const recordedBy: RecordedBy = staff ? { kind: 'staff', userId: staff.id, name: staff.name } : { kind: 'subject' };
      if (rng.chance(0.2)) ipHash = rng.pick(ipHashes);
      const evidence: Evidence | null = !staff && webChannels.has(channel) && rng.chance(0.94) ? { userAgent, ipHash } : null;
      const recordedMs = staff ? Math.min(now, t + Math.round(rng.between(5 * MINUTE, 2 * DAY))) : Math.min(now, t + rng.int(40, 2500));
      events.push({
        id: `ce_${pad(events.length + 1, width)}`,
        subjectId: subject.id,
        accountId: subject.accountId,
        email: subject.email,
        purpose,
        action,
        occurredAt: new Date(t).toISOString(),
        recordedAt: new Date(recordedMs).toISOString(),
        channel,
        noticeVersion: notice.version,
        noticeHash: notice.hash,
        evidence,
        recordedBy,
        note: !staff ? null : drawn ? rng.pick(staffNotes[action]) : at(staffNotes[action], events.length % staffNotes[action].length),
      });
    }
  }
  return events;
}

// ---------------------------------------------------------------------------------------------------
// Support-access requests

/** Statuses in the order requests are made; the first eight cover every status, so even a small seed has each. */
const accessPattern: readonly AccessStatus[] = [
  'ended',
  'active',
  'pending',
  'denied',
  'expired',
  'revoked',
  'withdrawn',
  'cancelled',
  'ended',
  'ended',
  'active',
  'pending',
  'ended',
  'denied',
  'expired',
  'declined',
  'active',
  'cancelled',
  'ended',
  'revoked',
];
const durations = weights([
  [1, 20],
  [4, 40],
  [24, 30],
  [72, 10],
] as const);

function makeSupportAccess(input: {
  rng: Random;
  count: number;
  accounts: readonly Account[];
  people: readonly Subject[];
  now: number;
}): SupportAccessRecord[] {
  const { rng, count, accounts, now } = input;
  if (accounts.length === 0) return [];
  const peopleOf = new Map<string, Subject[]>();
  for (const p of input.people) {
    if (!p.accountId) continue;
    const list = peopleOf.get(p.accountId) ?? [];
    list.push(p);
    peopleOf.set(p.accountId, list);
  }
  const width = widthFor(count, 5);
  const open = new Set<string>();
  const requests: SupportAccessRecord[] = [];
  const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();

  for (let i = 0; i < count; i++) {
    const account = at(accounts, i % accounts.length);
    let status = at(accessPattern, i % accessPattern.length);
    // One open request per agent and account: with more requests than accounts, the extra ones are history.
    if ((status === 'pending' || status === 'active') && open.has(account.id)) status = 'ended';
    if (status === 'pending' || status === 'active') open.add(account.id);

    // The account's owner is the one asked to consent (the first person of each account is its owner).
    const people = peopleOf.get(account.id) ?? [];
    rng.pick(people);
    const person = people.find((p) => p.accountRole === 'owner') ?? at(people, 0);
    const durationHours = rng.weighted(durations);
    const decider = rng.pick(officers);
    const ticketRef = `HS-${48213 + i * 13 + rng.int(0, 12)}`;
    const reason = rng.pick(accessReasons);
    const durationMs = durationHours * HOUR;

    // When it was asked, decided and ended, worked back from what the status says of it now.
    let created: number;
    let decided: number | null = null;
    let ended: number | null = null;
    if (status === 'pending') created = now - rng.between(0.2 * HOUR, 11 * HOUR);
    else if (status === 'active') {
      const remaining = rng.chance(0.35)
        ? rng.between(5 * MINUTE, 55 * MINUTE)
        : rng.between(Math.min(1 * HOUR, durationMs * 0.5), durationMs * 0.95);
      decided = now + remaining - durationMs;
      created = decided - rng.between(0.2 * HOUR, 6 * HOUR);
    } else {
      created = now - durationMs - 12 * HOUR - rng.between(1 * HOUR, 120 * DAY);
      if (status === 'expired') ended = created + 12 * HOUR;
      else if (status === 'cancelled' || status === 'declined') ended = created + rng.between(10 * MINUTE, 5 * HOUR);
      else {
        decided = created + rng.between(0.3 * HOUR, 10 * HOUR);
        if (status === 'denied') ended = decided;
        else if (status === 'ended') ended = decided + durationMs;
        else ended = decided + rng.between(0.1, 0.8) * durationMs;
      }
    }
    const approved = decided !== null && status !== 'denied';
    const hasConsent =
      approved ||
      (status === 'pending' && rng.chance(0.5)) ||
      (status === 'denied' && rng.chance(0.6)) ||
      (status === 'expired' && rng.chance(0.3)) ||
      (status === 'cancelled' && rng.chance(0.2));
    const consentBy = decided ?? ended ?? now;
    const consentRecorded = hasConsent ? created + rng.between(0.05, 0.9) * (consentBy - created) : null;
    const consent: CustomerConsent | null =
      consentRecorded === null
        ? null
        : {
            personId: person.id,
            personName: person.name ?? person.id,
            givenAt: iso(Math.max(created, consentRecorded - rng.between(1 * MINUTE, 20 * MINUTE))),
            // Most on the consent page; now and then the exception, confirmed by an officer.
            ...(rng.chance(0.8)
              ? {
                  channel: 'consent_page' as const,
                  quote: person.name ?? person.id,
                  shownText: `I, ${person.name ?? person.id}, allow ${support.name} of our support to log in to our ${account.name} instance for ticket ${ticketRef}.`,
                  shownTextHash: null,
                  ipHash: null,
                  userAgent: 'Mozilla/5.0 (demo)',
                  recordedBy: null,
                  exceptionReason: null,
                  confirmedBy: null,
                  confirmedByName: null,
                  confirmedAt: null,
                }
              : {
                  channel: 'phone_call' as const,
                  quote: `Yes, you may log in to our ${account.name} account to look into ticket ${ticketRef}.`,
                  shownText: null,
                  shownTextHash: null,
                  ipHash: null,
                  userAgent: null,
                  recordedBy: support.id,
                  exceptionReason: 'The customer has no access to their mailbox',
                  confirmedBy: decider.id,
                  confirmedByName: decider.name,
                  confirmedAt: iso(consentRecorded),
                }),
            recordedAt: iso(consentRecorded),
          };

    const timeline: TimelineEntry[] = [
      { at: iso(created), actorId: support.id, actorName: support.name, action: 'Requested', note: reason },
    ];
    if (consent) {
      timeline.push({
        at: consent.recordedAt,
        actorId: support.id,
        actorName: support.name,
        action: consent.recordedBy
          ? `Customer consent recorded (${consent.personName})`
          : `Customer consented on the consent page (${consent.personName})`,
        note: consent.quote,
      });
    }
    const grantEndsAt = approved && decided !== null ? iso(decided + durationMs) : null;
    const denialReason = status === 'denied' ? rng.pick(denialReasons) : null;
    if (decided !== null) {
      timeline.push(
        denialReason !== null
          ? { at: iso(decided), actorId: decider.id, actorName: decider.name, action: 'Denied', note: denialReason }
          : {
              at: iso(decided),
              actorId: decider.id,
              actorName: decider.name,
              action: `Approved; access until ${grantEndsAt ? instantInWords(grantEndsAt, DEFAULT_TIME_ZONE) : ''}`,
              note: null,
            },
      );
    }
    let endReason: string | null = null;
    if (ended !== null) {
      const when = iso(ended);
      if (status === 'expired') {
        endReason = 'Not decided within 12 hours';
        timeline.push({ at: when, actorId: null, actorName: 'System', action: 'Expired undecided', note: null });
      } else if (status === 'ended') {
        endReason = 'The grant ran its time';
        timeline.push({ at: when, actorId: null, actorName: 'System', action: 'Grant ended', note: null });
      } else if (status === 'revoked') {
        endReason = rng.pick(revokeReasons);
        timeline.push({ at: when, actorId: decider.id, actorName: decider.name, action: 'Revoked', note: endReason });
      } else if (status === 'withdrawn') {
        endReason = rng.pick(withdrawReasons);
        timeline.push({ at: when, actorId: support.id, actorName: support.name, action: 'Customer withdrew consent', note: endReason });
      } else if (status === 'declined') {
        endReason = 'The customer declined';
        timeline.push({
          at: when,
          actorId: null,
          actorName: `${person.name ?? person.id} (customer)`,
          action: 'Customer declined on the consent page',
          note: null,
        });
      } else if (status === 'cancelled') {
        endReason = 'Cancelled by the requester';
        timeline.push({ at: when, actorId: support.id, actorName: support.name, action: 'Cancelled', note: null });
      }
    }

    requests.push(
      newSupportAccessRecord({
        id: `sar_${pad(i + 1, width)}`,
        version: timeline.length,
        status,
        accountId: account.id,
        accountName: account.name,
        requesterId: support.id,
        requesterName: support.name,
        ticketRef,
        reason,
        scope: rng.chance(0.7) ? 'read' : 'read_write',
        durationHours,
        createdAt: iso(created),
        decideBy: accessDecideBy(new Date(Math.round(created))).toISOString(),
        consentOwner: { personId: person.id, personName: person.name ?? person.id },
        consent,
        decidedBy: decided !== null ? decider.id : null,
        decidedByName: decided !== null ? decider.name : null,
        decidedAt: decided !== null ? iso(decided) : null,
        denialReason,
        grantStartsAt: approved && decided !== null ? iso(decided) : null,
        grantEndsAt,
        endedAt: ended !== null ? iso(ended) : null,
        endReason,
        timeline,
      }),
    );
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------------
// Deletion requests

/** Statuses in the order requests are made; the first five cover every status. */
const deletionPattern: readonly DeletionStatus[] = [
  'pending_review',
  'approved',
  'in_progress',
  'completed',
  'rejected',
  'completed',
  'pending_review',
  'in_progress',
  'completed',
  'approved',
  'pending_review',
  'completed',
  'in_progress',
  'completed',
  'pending_review',
  'approved',
  'completed',
  'in_progress',
  'pending_review',
  'rejected',
];
/** Where in the pattern a person's erasure request comes instead of a cancellation: one of each status. */
const erasureAt = new Set([4, 6, 9, 12, 16, 19]);
/** Days from now to the deadline of the open requests, in turn: some overdue, several due within a week. */
const dueSpread = [-9, 3, -2, 6, 15, 1, 24, -5, 9, 4, 19, 0.4, 12, 27, -1, 5];

const billingSystems = new Set(['prc_stripe', 'prc_fastspring']);
const erasedAt: Record<string, string> = {
  prc_helpscout: 'Customer and conversations deleted in Help Scout',
  prc_crisp: 'Contact and conversations deleted in Crisp',
  prc_google_analytics: 'Sent to the Analytics User Deletion API',
  prc_facebook_ads: 'Removed from Custom Audiences; Pixel events expire on their own',
  prc_mailchimp: 'Contacts permanently deleted in MailChimp',
  prc_google_drive: 'Rows removed from the reporting and feedback sheets',
};

type TaskStory = { outcome: NonNullable<DeletionTask['outcome']>; reference: string; notify: boolean };

/** What resolving one system's task looked like, as the officer recorded it. */
function taskStory(rng: Random, task: DeletionTask, account: Account): TaskStory {
  const job = `job ${rng.int(10000, 99999)}`;
  switch (task.systemId) {
    case 'prc_storage_us':
    case 'prc_storage_ca': {
      const here = task.systemId === 'prc_storage_us' ? 'US' : 'CA';
      const holds = account.primaryRegion === here || (account.primaryRegion === null && here === 'US');
      return holds
        ? { outcome: 'deleted', reference: `Account rows and files deleted (${job})`, notify: false }
        : { outcome: 'not_applicable', reference: 'No data of this account in this region', notify: false };
    }
    case 'prc_backup_fr':
      return {
        outcome: 'deleted',
        reference: `Backup sets holding the account rolled off on ${task.rollOffOn ? dateInWords(task.rollOffOn) : 'its date'}`,
        notify: false,
      };
    case 'prc_ops_rs':
      return { outcome: 'deleted', reference: `Working copies removed from the operations share (${job})`, notify: false };
    case 'prc_stripe':
    case 'prc_fastspring':
      return account.plan === 'paid'
        ? {
            outcome: 'retained_under_hold',
            reference: 'Invoices and payment records kept under the legal hold; nothing else held',
            notify: false,
          }
        : { outcome: 'not_applicable', reference: 'Trial account: never billed', notify: false };
    case 'prc_zoom':
      return rng.chance(0.7)
        ? { outcome: 'not_applicable', reference: 'No recordings: any were deleted within 2 weeks', notify: false }
        : { outcome: 'deleted', reference: 'Contact removed from Zoom', notify: true };
    case 'prc_skype':
      return { outcome: 'not_applicable', reference: 'No number on record', notify: false };
    case 'prc_google_adwords':
      return rng.chance(0.5)
        ? { outcome: 'not_applicable', reference: 'Not on any Customer Match list', notify: false }
        : { outcome: 'deleted', reference: 'Removed from Customer Match lists', notify: true };
    default:
      return { outcome: 'deleted', reference: `${erasedAt[task.systemId] ?? `Deleted at ${task.systemName}`} (${job})`, notify: true };
  }
}

function makeDeletions(input: {
  rng: Random;
  count: number;
  accounts: readonly Account[];
  processors: readonly Processor[];
  now: number;
}): DeletionRequest[] {
  const { rng, count, accounts, processors, now } = input;
  const width = widthFor(count, 5);
  const taskWidth = widthFor(count * processors.length, 6);
  let taskCounter = 0;
  let holdCounter = 0;
  let openCounter = 0;
  let extended = false;
  const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();
  const requests: DeletionRequest[] = [];

  for (let i = 0; i < count; i++) {
    const account = at(accounts, i);
    const status = at(deletionPattern, i % deletionPattern.length);
    const origin = erasureAt.has(i % deletionPattern.length) ? 'erasure_request' : 'cancellation';
    const open = status === 'pending_review' || status === 'approved' || status === 'in_progress';
    const [creator, approver] = rng.chance(0.5) ? [officer, officer2] : [officer2, officer];

    // The deadline decides when the request came in.
    let received: number;
    let extendBy: 1 | 2 | null = null;
    if (open && origin === 'erasure_request' && status !== 'pending_review' && !extended) {
      extended = true;
      extendBy = 1;
      received = now - rng.between(36 * DAY, 44 * DAY);
    } else if (open) {
      const dueIn = at(dueSpread, openCounter++ % dueSpread.length) * DAY + rng.between(-3 * HOUR, 3 * HOUR);
      received = now + dueIn - 30 * DAY;
    } else if (status === 'rejected') received = now - rng.between(10 * DAY, 200 * DAY);
    else received = now - rng.between(35 * DAY, 420 * DAY);
    received = Math.min(received, now - 2 * HOUR);
    const receivedAt = new Date(Math.round(received));
    const dueAt = deletionDueAt(origin, receivedAt, TZ).toISOString();

    // The account the request is about, as it looked then.
    const trial = origin === 'cancellation' && rng.chance(0.25);
    account.plan = trial ? 'trial' : 'paid';
    account.createdAt = iso(received - (trial ? rng.between(3 * DAY, 28 * DAY) : rng.between(60 * DAY, 4 * YEAR)));
    if (origin === 'cancellation') {
      account.status = 'cancelled';
      account.cancelledAt = receivedAt.toISOString();
    }

    const timeline: TimelineEntry[] = [
      origin === 'cancellation'
        ? {
            at: receivedAt.toISOString(),
            actorId: null,
            actorName: 'System',
            action: 'Account cancelled; deletion request opened',
            note: null,
          }
        : {
            at: iso(received + rng.between(10 * MINUTE, 6 * HOUR)),
            actorId: creator.id,
            actorName: creator.name,
            action: 'Erasure request recorded',
            note: rng.pick(erasureNotes),
          },
    ];
    const createdAt = at(timeline, 0).at;
    const request = newDeletionRequest({
      id: `del_${pad(i + 1, width)}`,
      status,
      accountId: account.id,
      accountName: account.name,
      origin,
      receivedAt: receivedAt.toISOString(),
      dueAt,
      ...(origin === 'erasure_request' && { createdBy: creator.id, createdByName: creator.name, recordedBy: [creator.id] }),
      timeline,
      createdAt,
    });

    if (extendBy !== null) {
      const by = received + rng.between(15 * DAY, 25 * DAY);
      const until = extendedDueAt(receivedAt, extendBy, TZ).toISOString();
      const reason = 'The account holds data in several systems and a former reseller; the person was told of the extension and why.';
      request.extension = { until, reason, by: creator.id, at: iso(by) };
      request.dueAt = until;
      timeline.push({
        at: iso(by),
        actorId: creator.id,
        actorName: creator.name,
        action: `Extended to ${dayInWords(until, DEFAULT_TIME_ZONE)}`,
        note: reason,
      });
    }

    if (status === 'rejected') {
      const reason = rng.pick(rejectionReasons);
      const when = Date.parse(createdAt) + rng.between(1 * DAY, 5 * DAY);
      request.rejectionReason = reason;
      timeline.push({ at: iso(when), actorId: approver.id, actorName: approver.name, action: 'Rejected', note: reason });
    }

    if (status === 'approved' || status === 'in_progress' || status === 'completed') {
      const created = Date.parse(createdAt);
      const latest =
        status === 'completed'
          ? created + 4 * DAY
          : Math.max(created + 10 * MINUTE, now - (status === 'in_progress' ? 2 * HOUR : 10 * MINUTE));
      const approved = Math.max(
        Date.parse(timeline.at(-1)?.at ?? createdAt) + MINUTE,
        Math.min(latest, created + rng.between(2 * HOUR, 6 * DAY)),
      );
      const approvedAt = iso(approved);
      if (origin === 'cancellation') {
        // The system opened it, so two officers approved it (four eyes).
        request.firstApproval = { by: creator.id, name: creator.name, at: iso(approved - MINUTE) };
        timeline.push({
          at: request.firstApproval.at,
          actorId: creator.id,
          actorName: creator.name,
          action: 'First approval; the system opened this request, so a second officer must approve it too',
          note: null,
        });
      }
      request.approvedBy = approver.id;
      request.approvedByName = approver.name;
      request.approvedAt = approvedAt;
      request.tasks = deletionTasksFor(processors, localDate(new Date(approved), TZ), () => `task_${pad(++taskCounter, taskWidth)}`);
      timeline.push({
        at: approvedAt,
        actorId: approver.id,
        actorName: approver.name,
        action: `Approved; ${request.tasks.length} systems to clear`,
        note: null,
      });

      if (status !== 'approved') {
        const resolveAll = status === 'completed';
        const horizon = resolveAll ? approved + 10 * DAY : now;
        const needsHold = account.plan === 'paid';
        if (needsHold) {
          const holdAt = approved + rng.between(10 * MINUTE, Math.min(2 * HOUR, Math.max(MINUTE, (horizon - approved) / 3)));
          for (const task of request.tasks.filter((t) => billingSystems.has(t.systemId))) {
            const hold: LegalHold = {
              id: `hold_${pad(++holdCounter, taskWidth)}`,
              system: task.systemName,
              data: 'Invoices and payment records',
              legalReason: 'Tax and accounting law require invoices and payment records to be kept for 10 years after the financial year.',
              until: addMonthsToDate(localDate(receivedAt, TZ), 120),
              createdBy: approver.id,
              createdAt: iso(holdAt),
            };
            request.holds.push(hold);
            timeline.push({
              at: hold.createdAt,
              actorId: approver.id,
              actorName: approver.name,
              action: `Legal hold on ${hold.data} at ${hold.system} until ${dateInWords(hold.until)}`,
              note: hold.legalReason,
            });
          }
        }
        const firstResolvable = approved + 2 * HOUR + MINUTE;
        const candidates = request.tasks.filter(
          (t) => t.kind !== 'backup' || (t.rollOffOn !== null && Date.parse(`${t.rollOffOn}T09:00:00.000Z`) <= now),
        );
        const toResolve = resolveAll
          ? request.tasks
          : rng.shuffle(candidates).slice(0, Math.max(1, Math.min(candidates.length - 1, rng.int(1, 6))));
        const resolvedTasks = new Map<string, DeletionTask>();
        for (const task of toResolve) {
          const story = taskStory(rng, task, account);
          const resolved =
            task.kind === 'backup' && task.rollOffOn
              ? Date.parse(`${task.rollOffOn}T09:00:00.000Z`) + rng.between(0, 3 * HOUR)
              : firstResolvable + rng.between(0, Math.max(MINUTE, Math.min(horizon, now) - firstResolvable));
          const resolvedAt = iso(Math.min(resolved, now));
          const actor = rng.pick(officers);
          resolvedTasks.set(task.id, {
            ...task,
            outcome: story.outcome,
            resolvedBy: actor.id,
            resolvedAt,
            reference: story.reference,
            notifiedAt: story.notify ? resolvedAt : null,
          });
          timeline.push({
            at: resolvedAt,
            actorId: actor.id,
            actorName: actor.name,
            action: `${task.systemName}: ${story.outcome.replace(/_/g, ' ')}`,
            note: story.reference,
          });
        }
        request.tasks = request.tasks.map((t) => resolvedTasks.get(t.id) ?? t);
        if (resolveAll) {
          const last = Math.max(...request.tasks.map((t) => Date.parse(t.resolvedAt ?? approvedAt)));
          const completed = Math.min(now, last + rng.between(1 * HOUR, 20 * HOUR));
          request.completedAt = iso(completed);
          timeline.push({
            at: request.completedAt,
            actorId: approver.id,
            actorName: approver.name,
            action: 'Completed; certificate issued',
            note: null,
          });
          if (origin === 'erasure_request') {
            account.status = 'cancelled';
            account.cancelledAt = request.completedAt;
          }
        }
      }
    }

    timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    request.version = timeline.length;
    requests.push(request);
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------------
// People's erasure requests (Art. 17)

/**
 * A few erasure requests of single people, as an officer records them (services/deletions createPersonErasure): a
 * website visitor's and an account member's awaiting review, and a member's completed one, whose person the seed's
 * loading erases as completing does (load-seed eraseCompletedDeletions). Members chosen are no owner or billing
 * contact, gave no support-access consent, and belong to no account with a deletion request of its own.
 */
function makePersonErasures(input: {
  rng: Random;
  people: readonly Subject[];
  visitors: readonly Subject[];
  taken: ReadonlySet<string | null>;
  accountNames: ReadonlyMap<string, string>;
  supportAccess: readonly SupportAccessRecord[];
  processors: readonly Processor[];
  now: number;
  first: number;
}): DeletionRequest[] {
  const { rng, people, visitors, taken, accountNames, supportAccess, processors, now } = input;
  const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();
  const consenting = new Set(supportAccess.map((r) => r.consentOwner?.personId));
  const members = people.filter(
    (p) => p.accountRole === 'member' && p.accountId !== null && !taken.has(p.accountId) && !consenting.has(p.id),
  );
  const byAccount = new Map<string, Subject>();
  for (const p of members) if (p.accountId && !byAccount.has(p.accountId)) byAccount.set(p.accountId, p);
  const [completedPerson, openPerson] = rng.shuffle([...byAccount.values()]);
  const visitor = visitors.length > 0 ? at(visitors, rng.int(0, visitors.length - 1)) : undefined;
  const requests: DeletionRequest[] = [];
  let n = input.first;
  let taskCounter = 0;

  const make = (subject: Subject, label: string, receivedMs: number, creator: SeedUser, how: 'email' | 'visitor'): DeletionRequest => {
    const receivedAt = new Date(Math.round(receivedMs));
    const recorded = iso(receivedMs + rng.between(10 * MINUTE, 4 * HOUR));
    const method = how === 'email' ? 'reply_from_email' : 'visitor_cookie';
    const detail =
      how === 'email'
        ? 'The request came from the address on record and was confirmed by a reply from it'
        : 'The request came from the browser holding the visitor cookie';
    const id = `del_${pad(++n, 5)}`;
    const request = newDeletionRequest({
      id,
      accountId: subject.accountId,
      accountName: label,
      origin: 'erasure_request',
      receivedAt: receivedAt.toISOString(),
      dueAt: deletionDueAt('erasure_request', receivedAt, TZ).toISOString(),
      createdBy: creator.id,
      createdByName: creator.name,
      recordedBy: [creator.id],
      createdAt: recorded,
      timeline: [
        { at: recorded, actorId: creator.id, actorName: creator.name, action: 'Erasure request recorded', note: rng.pick(erasureNotes) },
        {
          at: recorded,
          actorId: creator.id,
          actorName: creator.name,
          action: `Identity verified (${method.replace(/_/g, ' ')})`,
          note: detail,
        },
      ],
    });
    request.person = {
      kind: how === 'email' ? 'account_person' : 'website_visitor',
      subjectId: subject.id,
      identifiedBy: how === 'email' ? 'email' : 'visitor_id',
      identityCheck: { method, detail, verifiedBy: creator.id, verifiedByName: creator.name, at: recorded },
    };
    return request;
  };

  if (visitor) {
    const r = make(visitor, `Website visitor ${visitor.id}`, now - rng.between(2 * DAY, 6 * DAY), officer2, 'visitor');
    r.version = r.timeline.length;
    requests.push(r);
  }
  if (openPerson?.accountId) {
    const account = openPerson.accountId;
    const r = make(
      openPerson,
      `Person ${openPerson.id} of ${accountNameOf(account)}`,
      now - rng.between(1 * DAY, 4 * DAY),
      officer,
      'email',
    );
    r.version = r.timeline.length;
    requests.push(r);
  }
  if (completedPerson?.accountId) {
    const [creator, approver] = [officer, officer2];
    const received = now - rng.between(70 * DAY, 120 * DAY);
    const r = make(
      completedPerson,
      `Person ${completedPerson.id} of ${accountNameOf(completedPerson.accountId)}`,
      received,
      creator,
      'email',
    );
    const timeline = r.timeline;
    const approved = Date.parse(r.createdAt) + rng.between(2 * HOUR, 1 * DAY);
    r.status = 'completed';
    r.approvedBy = approver.id;
    r.approvedByName = approver.name;
    r.approvedAt = iso(approved);
    r.tasks = deletionTasksFor(processors, localDate(new Date(approved), TZ), () => `task_p${pad(++taskCounter, 3)}`, holdsDataFor(r));
    timeline.push({
      at: r.approvedAt,
      actorId: approver.id,
      actorName: approver.name,
      action: `Approved; ${r.tasks.length} systems to clear`,
      note: null,
    });
    // The offsite backup rolls off after the first month: extended once, within it, and the person told why.
    const extendedAt = iso(approved + rng.between(2 * DAY, 10 * DAY));
    const until = extendedDueAt(new Date(received), 1, TZ).toISOString();
    const reason = 'The offsite backup holding the person rolls off after the first month; the person was told of the extension and why.';
    r.extension = { until, reason, by: creator.id, at: extendedAt };
    r.dueAt = until;
    timeline.push({
      at: extendedAt,
      actorId: creator.id,
      actorName: creator.name,
      action: `Extended to ${dayInWords(until, TZ)}`,
      note: reason,
    });
    let last = approved;
    r.tasks = r.tasks.map((task) => {
      const billing = billingSystems.has(task.systemId);
      const resolved =
        task.kind === 'backup' && task.rollOffOn
          ? Date.parse(`${task.rollOffOn}T09:00:00.000Z`) + rng.between(0, 3 * HOUR)
          : approved + rng.between(2 * HOUR, 5 * DAY);
      last = Math.max(last, resolved);
      const actor = task.kind === 'backup' ? null : rng.pick(officers);
      const reference =
        task.kind === 'backup'
          ? `Backup sets holding the person rolled off on ${task.rollOffOn ? dateInWords(task.rollOffOn) : 'its date'}`
          : billing
            ? 'No invoice or payment record names this person: the account is billed to its billing contact'
            : `${erasedAt[task.systemId] ?? `Deleted at ${task.systemName}`} (job ${rng.int(10000, 99999)})`;
      const outcome = billing ? 'not_applicable' : 'deleted';
      timeline.push({
        at: iso(resolved),
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? 'System',
        action: `${task.systemName}: ${outcome.replace(/_/g, ' ')}`,
        note: reference,
      });
      return { ...task, outcome, resolvedBy: actor?.id ?? null, resolvedAt: iso(resolved), reference, notifiedAt: null };
    });
    r.completedAt = iso(Math.min(now, last + rng.between(1 * HOUR, 20 * HOUR)));
    timeline.push({
      at: r.completedAt,
      actorId: creator.id,
      actorName: creator.name,
      action: 'Completed; personal data erased in this console, consent ledger kept pseudonymous; certificate issued',
      note: null,
    });
    timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    r.version = timeline.length;
    requests.push(r);
  }
  return requests;

  function accountNameOf(accountId: string): string {
    return accountNames.get(accountId) ?? accountId;
  }
}
