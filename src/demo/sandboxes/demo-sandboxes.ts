import type { Subject } from '@/api/contract/accounts';
import type { ConnectorVendor } from '@/api/contract/connectors';
import { connectorVendors } from '@/api/contract/connectors';
import { createCrispSandbox } from './crisp';
import { createHelpScoutSandbox } from './helpscout';
import { createMailchimpSandbox } from './mailchimp';
import type { Sandbox, SandboxFailure, SandboxOptions, SandboxPerson } from './sandbox';
import { sandboxBaseUrls } from './sandbox-config';
import { createStripeSandbox } from './stripe';
import { createZoomSandbox } from './zoom';

const makers: Record<ConnectorVendor, (options: SandboxOptions) => Sandbox> = {
  helpscout: createHelpScoutSandbox,
  crisp: createCrispSandbox,
  stripe: createStripeSandbox,
  mailchimp: createMailchimpSandbox,
  zoom: createZoomSandbox,
};

/** A small, stable number per subject id, so the same people are at the same vendors on every load. */
function bucket(id: string, of: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) >>> 0;
  return h % of;
}

/**
 * Which of the console's people each vendor holds records of: two in three wrote to support (Help Scout),
 * every other one chatted (Crisp, with the visitors who left an email), billing contacts and owners pay
 * (Stripe), the other half reads the newsletter (MailChimp), one in five had a recorded call (Zoom).
 */
function sandboxHoldings(subjects: readonly Subject[]): Record<ConnectorVendor, SandboxPerson[]> {
  const held: Record<ConnectorVendor, SandboxPerson[]> = { helpscout: [], crisp: [], stripe: [], mailchimp: [], zoom: [] };
  for (const s of subjects) {
    if (!s.email) continue;
    const person = { email: s.email, name: s.name ?? s.email.split('@')[0] ?? 'Visitor' };
    if (s.kind === 'visitor') {
      if (bucket(s.id, 2) === 0) held.crisp.push(person);
      continue;
    }
    if (bucket(s.id, 3) !== 2) held.helpscout.push(person);
    if (bucket(s.id, 2) === 0) held.crisp.push(person);
    else held.mailchimp.push(person);
    if (s.accountRole === 'owner' || s.accountRole === 'billing') held.stripe.push(person);
    if (bucket(s.id, 5) === 0) held.zoom.push(person);
  }
  return held;
}

export type DemoSandboxes = {
  sandboxes: Record<ConnectorVendor, Sandbox>;
  /** A fetch that answers the sandboxes' addresses itself and passes anything else to `fallback`. */
  fetch: typeof fetch;
  /** Injects a failure into one vendor's sandbox (the demo's "simulate a rate limit", the e2e tests). */
  fail: (vendor: ConnectorVendor, failure: SandboxFailure) => void;
};

/**
 * The five vendors' sandboxes at their published addresses (sandbox-config), holding the console's people
 * as `sandboxHoldings` spreads them. The demo runs them in the page; the server, outside production, in
 * its process.
 */
export function createDemoSandboxes(options: { people: readonly Subject[]; now?: () => Date; fallback?: typeof fetch }): DemoSandboxes {
  const held = sandboxHoldings(options.people);
  const sandboxes = Object.fromEntries(
    connectorVendors.map((vendor) => [
      vendor,
      makers[vendor]({ baseUrl: sandboxBaseUrls[vendor], people: held[vendor], now: options.now }),
    ]),
  ) as Record<ConnectorVendor, Sandbox>;
  const byOrigin = new Map(connectorVendors.map((vendor) => [new URL(sandboxBaseUrls[vendor]).origin, sandboxes[vendor]]));
  const fallback = options.fallback ?? ((input, init) => globalThis.fetch(input, init));
  return {
    sandboxes,
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const sandbox = byOrigin.get(url.origin);
      if (!sandbox) return fallback(input, init);
      // A sandbox answers at once, so the call's timeout signal has nothing to do (and a test DOM's
      // AbortSignal is not one every Request accepts).
      const { signal: _signal, ...rest } = init ?? {};
      return sandbox.handle(new Request(input, rest));
    },
    fail: (vendor, failure) => sandboxes[vendor].fail(failure),
  };
}

/**
 * The sandboxes made on first use, holding the people `loadPeople` answers then: a page load or a server
 * start that runs no connector pays nothing for them.
 */
export function lazySandboxes(
  loadPeople: () => Promise<readonly Subject[]>,
  now?: () => Date,
): Pick<DemoSandboxes, 'fetch'> & { fail: (vendor: ConnectorVendor, failure: SandboxFailure) => Promise<void> } {
  let made: Promise<DemoSandboxes> | null = null;
  const sandboxes = () => (made ??= loadPeople().then((people) => createDemoSandboxes({ people, now })));
  return {
    fetch: async (input, init) => (await sandboxes()).fetch(input, init),
    fail: async (vendor, failure) => (await sandboxes()).fail(vendor, failure),
  };
}
