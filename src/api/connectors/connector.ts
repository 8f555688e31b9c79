import type { ConnectorVendor, ErasureVerification, EvidenceCall } from '@/api/contract/connectors';

/**
 * A connector erases one person's records at a processor through the processor's public API, then reads
 * again to verify they are gone, and answers the evidence. Framework-free: `fetch` in, evidence out, so the
 * same code runs on the server, in the demo against in-page sandboxes of the vendors' APIs, and in tests
 * against local HTTP servers that follow the vendors' documented contracts.
 *
 * The vendors, their fields and the evidence's shapes live in the contract (api/contract/connectors), so the
 * console's form and the stored evidence read the same definitions.
 */

/** Whom to erase: found at the vendor by email address. */
export type ErasureSubject = { email: string };

/** What a connector needs to call the vendor at all (also all that "test connection" needs). */
export type ConnectionContext = {
  fetch: typeof fetch;
  /** The vendor's API base URL (the documented one in production; a sandbox or a test server otherwise). */
  baseUrl: string;
  /** Decrypted for this call only; never logged, never part of the evidence. */
  credentials: Readonly<Record<string, string>>;
  /** Non-secret settings (a MailChimp audience id, a Crisp website id). */
  settings: Readonly<Record<string, string>>;
  now: () => Date;
};

export type ConnectorContext = ConnectionContext & {
  /** 1 for the task's first attempt: the backoff when the vendor names no wait grows with it. */
  attempt: number;
  /** Vendor ids already deleted by an earlier attempt of this task: never deleted twice. */
  alreadyDeleted: readonly string[];
  /** Called as soon as the vendor confirms one deletion, so a crash or retry after it cannot repeat it. */
  recordDeleted(vendorId: string, call: EvidenceCall): Promise<void>;
};

export type ErasureOutcome =
  | {
      outcome: 'erased';
      /** Records found for the person, in this attempt or deleted by an earlier one (0 when the vendor held nothing). */
      found: number;
      /** Ids this task deleted (in this attempt or an earlier one). */
      deletedIds: string[];
      /** Ids found that were gone by the time the deletion reached them (deleted by someone else meanwhile). */
      alreadyGoneIds: string[];
      /** The reads after the deletions that show nothing is left: 404s, "deleted" answers or an empty search. */
      verification: ErasureVerification;
      calls: EvidenceCall[];
    }
  /** Try again later: the vendor asked to wait (429 Retry-After) or failed for now (5xx, network). */
  | { outcome: 'retry'; after: Date; reason: string; calls: EvidenceCall[] }
  /** Will not succeed by waiting (bad credentials, a refused request): a person must look. */
  | { outcome: 'failed'; reason: string; status: number | null; calls: EvidenceCall[] };

/** What "test connection" answers: a harmless authenticated read. */
export type ConnectionCheck = { ok: boolean; status: number | null; message: string; calls: EvidenceCall[] };

export interface Connector {
  vendor: ConnectorVendor;
  /** The documented production base URL for these credentials and settings (MailChimp's names the key's data center). */
  productionBaseUrl(credentials: Readonly<Record<string, string>>, settings: Readonly<Record<string, string>>): string;
  erase(subject: ErasureSubject, ctx: ConnectorContext): Promise<ErasureOutcome>;
  check(ctx: ConnectionContext): Promise<ConnectionCheck>;
}
