/**
 * A connector erases one person's records at a processor through the processor's public API, then reads
 * again to verify they are gone, and answers the evidence. Framework-free: `fetch` in, evidence out, so the
 * same code runs on the server, in the demo against in-page sandboxes of the vendors' APIs, and in tests
 * against local HTTP servers that follow the vendors' documented contracts.
 */

export const connectorVendors = ['helpscout', 'crisp', 'stripe', 'mailchimp', 'zoom'] as const;
export type ConnectorVendor = (typeof connectorVendors)[number];

/** Whom to erase: found at the vendor by email address. */
export type ErasureSubject = { email: string };

/**
 * One HTTP call as evidence: method, URL without credentials and with the person's email replaced by
 * `<subject>`, the status, the vendor's request id when it sends one, and when.
 */
export type EvidenceCall = { at: string; method: string; url: string; status: number; requestId: string | null };

export type ConnectorContext = {
  fetch: typeof fetch;
  /** The vendor's API base URL (the documented one in production; a sandbox or a test server otherwise). */
  baseUrl: string;
  /** Decrypted for this call only; never logged, never part of the evidence. */
  credentials: Readonly<Record<string, string>>;
  /** Non-secret settings (a MailChimp audience id, a Crisp website id). */
  settings: Readonly<Record<string, string>>;
  now: () => Date;
  /** Vendor ids already deleted by an earlier attempt of this task: never deleted twice. */
  alreadyDeleted: readonly string[];
  /** Called as soon as the vendor confirms one deletion, so a crash or retry after it cannot repeat it. */
  recordDeleted(vendorId: string, call: EvidenceCall): Promise<void>;
};

export type ErasureOutcome =
  | {
      outcome: 'erased';
      /** Records found for the person (0 when the vendor held nothing). */
      found: number;
      deletedIds: string[];
      /** The read after the deletions that shows nothing is left: a 404 or an empty search. */
      verification: { at: string; method: 'not_found' | 'empty_search'; call: EvidenceCall };
      calls: EvidenceCall[];
    }
  /** Try again later: the vendor asked to wait (429 Retry-After) or failed for now (5xx, network). */
  | { outcome: 'retry'; after: Date; reason: string; calls: EvidenceCall[] }
  /** Will not succeed by waiting (bad credentials, a refused request): a person must look. */
  | { outcome: 'failed'; reason: string; status: number | null; calls: EvidenceCall[] };

export type ConnectorField = { name: string; label: string; secret: boolean };

export interface Connector {
  vendor: ConnectorVendor;
  /** The vendor's name as the registry shows it. */
  label: string;
  /** The documented production base URL. */
  defaultBaseUrl: string;
  /** What an officer configures: secrets (stored encrypted) and settings. */
  fields: readonly ConnectorField[];
  erase(subject: ErasureSubject, ctx: ConnectorContext): Promise<ErasureOutcome>;
}
