import type { Account } from '@/api/contract/accounts';
import type { Breach, BreachAffected } from '@/api/contract/breaches';
import type { ConsentEvent } from '@/api/contract/consent';
import type { Processor } from '@/api/contract/processors';
import { accountHeldDuring, breachWindow, grantedDuring, systemBasis } from '@/api/rules/breach-scope';
import { breachDecision } from '@/api/rules/breaches';

const HOUR = 3_600_000;

/** The figures the API's count would give (services/breaches computeScope), from the seed's own records. */
function affectedOf(
  breach: Breach,
  processors: readonly Processor[],
  accounts: readonly Account[],
  events: readonly ConsentEvent[],
  at: string,
): BreachAffected {
  const window = breachWindow(breach);
  const systems: BreachAffected['systems'] = [];
  const accountIds = new Set<string>();
  let people = 0;
  for (const s of breach.systems) {
    const p = processors.find((x) => x.id === s.processorId);
    if (!p) continue;
    const basis = systemBasis(p);
    if (basis.kind === 'consent') {
      const grouped = new Map<string, ConsentEvent[]>();
      for (const e of events) {
        if (!basis.purposes.includes(e.purpose)) continue;
        const key = `${e.subjectId}\u0000${e.purpose}`;
        const list = grouped.get(key);
        if (list) list.push(e);
        else grouped.set(key, [e]);
      }
      const found = new Map<string, string | null>();
      for (const list of grouped.values()) {
        const first = list[0];
        if (first && grantedDuring(list, window.from, window.to)) found.set(first.subjectId, first.accountId);
      }
      const accs = new Set([...found.values()].filter((a): a is string => a !== null));
      for (const a of accs) accountIds.add(a);
      const inAccounts = [...found.values()].filter((a) => a !== null).length;
      people += inAccounts;
      systems.push({
        processorId: p.id,
        name: p.name,
        basis: `People whose consent (${basis.purposes.join(', ').replace(/_/g, ' ')}) was granted at the time, from the consent ledger`,
        accounts: accs.size,
        people: inAccounts,
        visitors: found.size - inAccounts,
      });
    } else if (basis.kind === 'accounts') {
      const held = accounts.filter((a) => accountHeldDuring(a, window, breach.concerns === 'customer_content'));
      for (const a of held) accountIds.add(a.id);
      const count = held.reduce((n, a) => n + a.peopleCount, 0);
      people += count;
      systems.push({
        processorId: p.id,
        name: p.name,
        basis: 'Accounts held at the time, with their people',
        accounts: held.length,
        people: count,
        visitors: 0,
      });
    }
  }
  return {
    computedAt: at,
    dataCategories: breach.dataCategories,
    accounts: accountIds.size,
    people,
    visitors: systems.reduce((n, s) => n + (s.visitors ?? 0), 0),
    systems,
  };
}

/**
 * Two breaches: one open at about hour 50 of its 72-hour clock (a MailChimp API key leaked, assessed, the
 * authority not told yet), and one closed without notification, its reasoning documented (Art. 33(5)).
 */
export function makeBreaches(input: {
  now: number;
  processors: readonly Processor[];
  accounts: readonly Account[];
  events: readonly ConsentEvent[];
  officer: { id: string; name: string };
}): Breach[] {
  const { now, officer } = input;
  const iso = (ms: number) => new Date(ms).toISOString();
  const system = (id: string): Breach['systems'][number] | null => {
    const p = input.processors.find((x) => x.id === id);
    return p ? { processorId: p.id, name: p.name, kind: p.kind } : null;
  };
  const mailchimp = system('prc_mailchimp');
  const drive = system('prc_google_drive') ?? system('prc_storage_us');
  const out: Breach[] = [];
  if (mailchimp) {
    const awareAt = now - 50 * HOUR;
    const open: Breach = {
      id: 'brc_seed_open',
      version: 3,
      title: 'MailChimp API key exposed in a public repository',
      description:
        'An API key of our MailChimp account was committed to a public code repository and used from an unknown address to export the newsletter audience.',
      occurredFrom: iso(awareAt - 30 * HOUR),
      occurredTo: iso(awareAt - 6 * HOUR),
      awareAt: iso(awareAt),
      reportedBy: 'MailChimp Trust & Safety, by email',
      ownerId: officer.id,
      ownerName: officer.name,
      systems: [mailchimp],
      dataCategories: ['email', 'name'],
      concerns: 'own_data',
      status: 'open',
      affected: null,
      scopeChangedAt: null,
      assessment: {
        likelihood: 'medium',
        severity: 'medium',
        reasoning: 'Names and email addresses of newsletter subscribers: phishing is likely, no passwords or payment data were involved.',
        exception: null,
        decision: breachDecision('medium', 'medium', null),
        assessedAt: iso(awareAt + 20 * HOUR),
        assessedBy: officer.id,
        assessedByName: officer.name,
      },
      notifications: [],
      createdAt: iso(awareAt + HOUR),
      createdBy: officer.id,
      updatedAt: iso(awareAt + 20 * HOUR),
      closedAt: null,
    };
    open.affected = affectedOf(open, input.processors, input.accounts, input.events, iso(awareAt + HOUR));
    out.push(open);
  }
  if (drive) {
    const awareAt = now - 40 * 24 * HOUR;
    const closed: Breach = {
      id: 'brc_seed_closed',
      version: 4,
      title: 'Support export shared with the wrong colleague',
      description:
        'A spreadsheet of open support tickets was shared by link with one colleague outside the support team, who reported it and deleted it the same hour.',
      occurredFrom: iso(awareAt - 2 * HOUR),
      occurredTo: null,
      awareAt: iso(awareAt),
      reportedBy: 'The colleague who received it',
      ownerId: officer.id,
      ownerName: officer.name,
      systems: [drive],
      dataCategories: ['name', 'email', 'support_messages'],
      concerns: 'own_data',
      status: 'closed',
      affected: null,
      scopeChangedAt: null,
      assessment: {
        likelihood: 'low',
        severity: 'low',
        reasoning:
          'Shared with one employee bound by confidentiality, who deleted it within the hour (access log checked): unlikely to result in a risk to the people, so not notified (Art. 33(1)); documented here (Art. 33(5)).',
        exception: null,
        decision: breachDecision('low', 'low', null),
        assessedAt: iso(awareAt + 3 * HOUR),
        assessedBy: officer.id,
        assessedByName: officer.name,
      },
      notifications: [],
      createdAt: iso(awareAt + HOUR),
      createdBy: officer.id,
      updatedAt: iso(awareAt + 26 * HOUR),
      closedAt: iso(awareAt + 26 * HOUR),
    };
    closed.affected = affectedOf(closed, input.processors, input.accounts, input.events, iso(awareAt + HOUR));
    out.push(closed);
  }
  return out;
}
