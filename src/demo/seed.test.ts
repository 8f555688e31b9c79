import { account, subject } from '@/api/contract/accounts';
import { consentEvent, notice as noticeSchema } from '@/api/contract/consent';
import { deletionRequest, deletionStatuses } from '@/api/contract/deletions';
import { processor } from '@/api/contract/processors';
import { accessStatuses, supportAccessRequest } from '@/api/contract/support-access';
import { DEFAULT_TIME_ZONE, deletionDueAt } from '@/api/rules/deadlines';
import { completionBlocker } from '@/api/rules/deletions';
import { attentionFor } from '@/api/rules/processors';
import { localDate } from '@/api/rules/time';
import { sha256Hex } from '@/api/services/crypto';
import { generateSeed } from './seed';
import type { SeedData } from './seed-data';
import { demoPassword } from './seed-data';

const now = new Date('2026-11-29T10:00:00.000Z');
const NOW = now.toISOString();
const DAY = 86_400_000;
const storedAccess = supportAccessRequest.strict();

let seed: SeedData;
let small: SeedData;
beforeAll(async () => {
  seed = await generateSeed({ now });
  small = await generateSeed({ now, accounts: 40, consentEvents: 400, supportAccessRequests: 16, deletionRequests: 20 });
});

describe('generateSeed', () => {
  it('gives the same data for the same options, and other data for another seed number', async () => {
    const again = await generateSeed({ now });
    expect(JSON.stringify(again)).toBe(JSON.stringify(seed));
    const other = await generateSeed({ now, seed: 2, accounts: 40, consentEvents: 400, supportAccessRequests: 16, deletionRequests: 20 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(small));
  });

  it('makes the default sizes, and the sizes asked for', () => {
    expect(seed.anchor).toBe(NOW);
    expect(seed.accounts).toHaveLength(2000);
    expect(seed.consentEvents).toHaveLength(50_000);
    expect(seed.supportAccess).toHaveLength(60);
    // The size asked for counts whole accounts' deletions; a few people's own erasure requests come on top.
    expect(seed.deletions.filter((d) => !d.person)).toHaveLength(80);
    expect(seed.deletions.filter((d) => d.person)).toHaveLength(3);
    expect(small.accounts).toHaveLength(40);
    expect(small.consentEvents).toHaveLength(400);
    expect(small.supportAccess).toHaveLength(16);
    expect(small.deletions.filter((d) => !d.person)).toHaveLength(20);
    expect(small.deletions.filter((d) => d.person)).toHaveLength(3);
  });

  it('produces records every contract schema accepts', () => {
    for (const data of [seed, small]) {
      for (const a of data.accounts) account.parse(a);
      for (const s of data.subjects) subject.parse(s);
      for (const p of data.processors) processor.parse(p);
      for (const n of data.notices) noticeSchema.parse(n);
      for (const e of data.consentEvents) consentEvent.parse(e);
      for (const r of data.supportAccess) {
        expect(r.hasCredentials).toBe(false);
        storedAccess.parse(r);
      }
      for (const d of data.deletions) deletionRequest.parse(d);
    }
  });

  it('has unique ids in every table and unique emails', () => {
    for (const rows of [
      seed.accounts,
      seed.subjects,
      seed.processors,
      seed.consentEvents,
      seed.supportAccess,
      seed.deletions,
      seed.users,
    ]) {
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    }
    const emails = seed.subjects.flatMap((s) => (s.email ? [s.email] : []));
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => /^[a-z0-9.]+@[a-z0-9-]+\.example$/.test(e))).toBe(true);
    const tasks = seed.deletions.flatMap((d) => d.tasks.map((t) => t.id));
    expect(new Set(tasks).size).toBe(tasks.length);
  });

  it('has the demo users, one password for all', () => {
    expect(seed.users.map((u) => [u.email, u.name, u.role])).toEqual([
      ['officer@demo.test', 'Olivia Officer', 'privacy_officer'],
      ['officer2@demo.test', 'Oscar Second', 'privacy_officer'],
      ['support@demo.test', 'Sam Support', 'support_agent'],
      ['auditor@demo.test', 'Ada Auditor', 'auditor'],
    ]);
    expect(seed.users.every((u) => u.password === demoPassword)).toBe(true);
  });

  it('refers only to records that exist', () => {
    for (const data of [seed, small]) {
      const accounts = new Map(data.accounts.map((a) => [a.id, a]));
      const subjects = new Map(data.subjects.map((s) => [s.id, s]));
      const users = new Set(data.users.map((u) => u.id));
      const notices = new Map(data.notices.map((n) => [n.hash, n]));
      const processors = new Map(data.processors.map((p) => [p.id, p]));
      expect(data.subjects.filter((s) => s.accountId && !accounts.has(s.accountId))).toEqual([]);
      const people = new Map<string, number>();
      for (const s of data.subjects) if (s.accountId) people.set(s.accountId, (people.get(s.accountId) ?? 0) + 1);
      expect(data.accounts.filter((a) => a.peopleCount !== people.get(a.id))).toEqual([]);
      const broken = data.consentEvents.filter((e) => {
        const s = subjects.get(e.subjectId);
        const n = notices.get(e.noticeHash);
        return (
          !s ||
          e.accountId !== s.accountId ||
          e.email !== s.email ||
          n?.purpose !== e.purpose ||
          n.version !== e.noticeVersion ||
          (e.recordedBy.kind === 'staff' && !users.has(e.recordedBy.userId))
        );
      });
      expect(broken).toEqual([]);
      for (const r of data.supportAccess) {
        expect(accounts.get(r.accountId)?.name).toBe(r.accountName);
        expect(users.has(r.requesterId)).toBe(true);
        if (r.decidedBy) expect(users.has(r.decidedBy)).toBe(true);
        if (r.consent) {
          expect(subjects.get(r.consent.personId)?.accountId).toBe(r.accountId);
          if (r.consent.recordedBy) expect(users.has(r.consent.recordedBy)).toBe(true);
        }
        for (const t of r.timeline) if (t.actorId) expect(users.has(t.actorId)).toBe(true);
      }
      for (const d of data.deletions) {
        if (d.person) {
          // A person's erasure is named by its person, and of its account when it has one (as the API labels it).
          const person = subjects.get(d.person.subjectId);
          expect(person?.accountId ?? null).toBe(d.accountId);
          expect(d.accountName).toBe(
            d.accountId ? `Person ${d.person.subjectId} of ${accounts.get(d.accountId)?.name}` : `Website visitor ${d.person.subjectId}`,
          );
          expect(users.has(d.person.identityCheck.verifiedBy)).toBe(true);
        } else expect(accounts.get(d.accountId ?? '')?.name).toBe(d.accountName);
        if (d.createdBy) expect(users.has(d.createdBy)).toBe(true);
        if (d.approvedBy) expect(users.has(d.approvedBy)).toBe(true);
        for (const t of d.tasks) {
          expect(processors.get(t.systemId)?.name).toBe(t.systemName);
          if (t.resolvedBy) expect(users.has(t.resolvedBy)).toBe(true);
        }
        for (const h of d.holds) expect(users.has(h.createdBy)).toBe(true);
      }
    }
  });

  it('dates nothing that has happened after now', () => {
    const past = (at: string | null) => at === null || at <= NOW;
    expect(seed.consentEvents.filter((e) => !(past(e.occurredAt) && past(e.recordedAt) && e.occurredAt <= e.recordedAt))).toEqual([]);
    for (const a of seed.accounts) expect(past(a.createdAt) && past(a.cancelledAt)).toBe(true);
    for (const r of seed.supportAccess) {
      expect([r.createdAt, r.decidedAt, r.endedAt, r.consent?.givenAt ?? null, r.consent?.recordedAt ?? null].every(past)).toBe(true);
      expect(r.timeline.every((t) => past(t.at) && t.at >= r.createdAt)).toBe(true);
    }
    for (const d of seed.deletions) {
      expect([d.receivedAt, d.createdAt, d.approvedAt, d.completedAt, ...d.tasks.map((t) => t.resolvedAt)].every(past)).toBe(true);
      expect(d.timeline.every((t) => past(t.at))).toBe(true);
    }
  });

  it('tells each person and purpose a plausible story: never two withdrawals in a row', () => {
    const last = new Map<string, string>();
    const ordered = [...seed.consentEvents].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
    let repeats = 0;
    const twice: string[] = [];
    for (const e of ordered) {
      const key = `${e.subjectId} ${e.purpose}`;
      if (e.action === 'withdrawn' && last.get(key) === 'withdrawn') twice.push(e.id);
      if (last.has(key)) repeats++;
      last.set(key, e.action);
    }
    expect(twice).toEqual([]);
    expect(repeats).toBeGreaterThan(1000);
    const visitors = new Set(seed.subjects.filter((s) => s.kind === 'visitor').map((s) => s.id));
    const visitorEvents = seed.consentEvents.filter((e) => visitors.has(e.subjectId));
    expect(visitorEvents.length).toBeGreaterThan(1000);
    expect(visitorEvents.every((e) => e.channel === 'cookie_banner' && e.email === null && e.purpose.endsWith('_cookies'))).toBe(true);
    const staff = seed.consentEvents.filter((e) => e.recordedBy.kind === 'staff');
    expect(staff.length).toBeGreaterThan(500);
    expect(staff.length).toBeLessThan(seed.consentEvents.length / 4);
    expect(staff.every((e) => e.note !== null && e.evidence === null)).toBe(true);
    expect(seed.consentEvents.filter((e) => e.evidence === null && e.recordedBy.kind === 'subject').length).toBeGreaterThan(0);
    expect(new Set(seed.consentEvents.map((e) => e.noticeVersion))).toEqual(new Set(['v1', 'v2', 'v3']));
    expect(seed.consentEvents.some((e) => e.occurredAt < new Date(now.getTime() - 2.5 * 365 * DAY).toISOString())).toBe(true);
  });

  it('hashes each notice text with SHA-256', async () => {
    for (const n of seed.notices) expect(n.hash).toBe(await sha256Hex(n.text));
    expect(seed.notices.filter((n) => n.purpose === 'marketing_emails').map((n) => n.version)).toEqual(['v1', 'v2', 'v3']);
  });

  it('registers the processors of policy 5.5 and the locations of 5.7', () => {
    const byName = new Map(seed.processors.map((p) => [p.name, p]));
    const eleven = [
      'Help Scout',
      'Crisp',
      'Stripe',
      'FastSpring',
      'Google Analytics',
      'Google AdWords',
      'Facebook Ads Manager',
      'MailChimp',
      'Google Drive',
      'Zoom',
      'Skype',
    ];
    expect(
      seed.processors
        .filter((p) => p.kind === 'processor')
        .map((p) => p.name)
        .sort(),
    ).toEqual([...eleven].sort());
    expect(
      seed.processors.filter((p) => p.kind === 'own_location').map((p) => [p.category, p.locations.map((l) => l.country).join()]),
    ).toEqual([
      ['hosting', 'US'],
      ['hosting', 'CA'],
      ['backup', 'FR'],
      ['operations', 'RS'],
    ]);
    expect(seed.processors.every((p) => p.status === 'active')).toBe(true);
    expect(byName.get('Zoom')?.retention).toMatchObject({ amount: 14, unit: 'days', trigger: 'recording' });
    expect(byName.get('Skype')?.retention).toMatchObject({ amount: null, unit: null, trigger: 'call_completed' });
    const stoppedBy = (purpose: string) =>
      seed.processors
        .filter((p) => p.purposes.some((x) => x.consentPurpose === purpose))
        .map((p) => p.name)
        .sort();
    expect(stoppedBy('marketing_emails')).toEqual(['Facebook Ads Manager', 'Google AdWords', 'MailChimp']);
    expect(stoppedBy('advertising_cookies')).toEqual(['Facebook Ads Manager', 'Google AdWords']);
    expect(stoppedBy('analytics_cookies')).toEqual(['Google Analytics']);
    expect(stoppedBy('call_recording')).toEqual(['Zoom']);
    expect(seed.processors.flatMap((p) => p.purposes).every((x) => (x.legalBasis === 'consent') === (x.consentPurpose !== null))).toBe(
      true,
    );
    expect(byName.get('Operations (Serbia)')?.locations).toEqual([{ country: 'RS', transferMechanism: 'scc' }]);
  });

  it('leaves a few processors needing attention, for each reason', () => {
    const today = localDate(now, DEFAULT_TIME_ZONE);
    const reasons = seed.processors.flatMap((p) => attentionFor(p, today).map((a) => `${p.name}: ${a.reason}`));
    expect(reasons.sort()).toEqual([
      'Crisp: retention_missing',
      'Facebook Ads Manager: transfer_without_mechanism',
      'FastSpring: review_overdue',
      'Skype: no_signed_dpa',
    ]);
  });

  it('makes support-access requests in every status, for active cloud accounts only', () => {
    for (const data of [seed, small]) {
      expect(new Set(data.supportAccess.map((r) => r.status))).toEqual(new Set(accessStatuses));
      const accounts = new Map(data.accounts.map((a) => [a.id, a]));
      expect(
        data.supportAccess.every((r) => accounts.get(r.accountId)?.hosting === 'cloud' && accounts.get(r.accountId)?.status === 'active'),
      ).toBe(true);
      const open = data.supportAccess.filter((r) => r.status === 'pending' || r.status === 'active');
      expect(new Set(open.map((r) => r.accountId)).size).toBe(open.length);
    }
    for (const r of seed.supportAccess) {
      expect(r.requesterId).toBe('usr_support');
      expect(Date.parse(r.decideBy) - Date.parse(r.createdAt)).toBe(12 * 3_600_000);
      expect(r.version).toBe(r.timeline.length);
      if (r.status === 'pending') expect(r.decideBy > NOW).toBe(true);
      if (r.status === 'active') {
        expect(r.grantEndsAt && r.grantEndsAt > NOW).toBeTruthy();
        expect(r.consent).not.toBeNull();
        expect(r.decidedBy === 'usr_officer' || r.decidedBy === 'usr_officer2').toBe(true);
      }
      if (r.decidedAt) expect(r.decidedAt <= r.decideBy).toBe(true);
      if (r.grantStartsAt && r.grantEndsAt)
        expect(Date.parse(r.grantEndsAt) - Date.parse(r.grantStartsAt)).toBe(r.durationHours * 3_600_000);
    }
    const endingSoon = seed.supportAccess.filter(
      (r) => r.status === 'active' && r.grantEndsAt && Date.parse(r.grantEndsAt) - now.getTime() < 3_600_000,
    );
    expect(endingSoon.length).toBeGreaterThan(0);
  });

  it('makes deletion requests in every status, with deadlines by the rules, some overdue and some due within a week', () => {
    for (const data of [seed, small]) {
      expect(new Set(data.deletions.map((d) => d.status))).toEqual(new Set(deletionStatuses));
      const open = data.deletions.filter((d) => d.status !== 'completed' && d.status !== 'rejected');
      expect(open.filter((d) => d.dueAt < NOW).length).toBeGreaterThanOrEqual(data === seed ? 5 : 1);
      expect(open.filter((d) => d.dueAt >= NOW && Date.parse(d.dueAt) < now.getTime() + 7 * DAY).length).toBeGreaterThanOrEqual(
        data === seed ? 5 : 1,
      );
      expect(new Set(data.deletions.map((d) => d.accountId)).size).toBe(data.deletions.length);
    }
    const accounts = new Map(seed.accounts.map((a) => [a.id, a]));
    for (const d of seed.deletions) {
      const expected = d.extension?.until ?? deletionDueAt(d.origin, new Date(d.receivedAt), DEFAULT_TIME_ZONE).toISOString();
      expect(d.dueAt).toBe(expected);
      expect(d.version).toBe(d.timeline.length);
      const a = d.person ? undefined : accounts.get(d.accountId ?? '');
      if (d.origin === 'cancellation') {
        expect(a?.status).toBe('cancelled');
        expect(a?.cancelledAt).toBe(d.receivedAt);
        expect(d.createdBy).toBeNull();
      } else {
        expect(d.createdBy).not.toBeNull();
      }
      if (d.approvedBy) expect(d.approvedBy).not.toBe(d.createdBy);
      if (d.status === 'pending_review' || d.status === 'rejected') expect(d.tasks).toEqual([]);
      if (d.status === 'approved') expect(d.tasks.every((t) => t.outcome === null)).toBe(true);
      if (d.status === 'in_progress') {
        expect(d.tasks.some((t) => t.outcome !== null)).toBe(true);
        expect(d.tasks.some((t) => t.outcome === null)).toBe(true);
      }
      if (d.status === 'completed') {
        expect(completionBlocker({ ...d, status: 'in_progress' })).toBeNull();
        expect(d.completedAt && d.completedAt <= d.dueAt).toBeTruthy();
        const billing = d.tasks.filter((t) => t.systemId === 'prc_stripe' || t.systemId === 'prc_fastspring');
        expect(billing).toHaveLength(2);
        // A member's own erasure: the account's invoices name its billing contact, not them.
        if (d.person) expect(billing.every((t) => t.outcome === 'not_applicable')).toBe(true);
        if (a?.plan === 'paid') {
          expect(billing.every((t) => t.outcome === 'retained_under_hold')).toBe(true);
          expect(d.holds.map((h) => h.system).sort()).toEqual(['FastSpring', 'Stripe']);
        }
      }
    }
    expect(seed.deletions.some((d) => d.status === 'completed' && d.holds.length === 2)).toBe(true);
    expect(new Set(seed.deletions.filter((d) => d.origin === 'erasure_request').map((d) => d.status))).toEqual(new Set(deletionStatuses));
    expect(seed.deletions.some((d) => d.extension !== null)).toBe(true);
    // People's own erasures: a visitor's and a member's open, and a member's completed.
    const people = seed.deletions.filter((d) => d.person);
    expect(people.map((d) => [d.person?.kind, d.status])).toEqual([
      ['website_visitor', 'pending_review'],
      ['account_person', 'pending_review'],
      ['account_person', 'completed'],
    ]);
  });

  it('makes accounts of both hostings, some cancelled, with one to five people each', () => {
    const cloud = seed.accounts.filter((a) => a.hosting === 'cloud').length / seed.accounts.length;
    expect(cloud).toBeGreaterThan(0.75);
    expect(cloud).toBeLessThan(0.85);
    expect(seed.accounts.filter((a) => a.status === 'cancelled').length).toBeGreaterThan(40);
    expect(seed.accounts.every((a) => a.peopleCount >= 1 && a.peopleCount <= 5)).toBe(true);
    expect(seed.accounts.every((a) => (a.hosting === 'cloud') === (a.primaryRegion !== null))).toBe(true);
    expect(new Set(seed.accounts.map((a) => a.name)).size).toBe(seed.accounts.length);
    expect(seed.subjects.filter((s) => s.kind === 'visitor').every((s) => s.email === null && s.accountId === null)).toBe(true);
  });
});
