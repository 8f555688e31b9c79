import { describe } from 'vitest';
import { auditConformance } from './audit';
import { breachConformance } from './breaches';
import { chainConformance } from './chain';
import { consentEventConformance } from './consent-events';
import { consentStateConformance } from './consent-states';
import type { StoreMaker } from './data';
import { erasureConformance } from './erasure';
import { mailConformance } from './mail';
import { apiTokenConformance } from './api-tokens';
import { peopleConformance } from './people';
import { personSearchConformance } from './person-search';
import { dpaDocumentConformance } from './dpa-documents';
import { registryConformance } from './registry';
import { requestConformance } from './requests';
import { ruleConformance } from './rules';
import { transactionConformance } from './transactions';

/**
 * The behaviour every Store shares, written against the interface alone and specified here once: the
 * MemoryStore (src/api/store/memory), and the SqlStore on PGlite and on PostgreSQL (server/sql-store), run
 * these same tests, so the demo and the server cannot drift apart. A store test that runs on one store only
 * belongs here unless it is about how that store works inside (migrations, triggers, indexes).
 *
 * `make` answers a fresh, empty store; each area below makes its own and loads its own fixtures. What the
 * interface (api/store/store.ts) leaves open is pinned by the tests: orders, ties, case, instant ranges,
 * totals, copies, versions, typed refusals and races.
 */
export function describeStoreConformance(name: string, make: StoreMaker): void {
  describe(`Store conformance: ${name}`, () => {
    peopleConformance(make);
    registryConformance(make);
    consentEventConformance(make);
    consentStateConformance(make);
    requestConformance(make);
    auditConformance(make);
    chainConformance(make);
    mailConformance(make);
    apiTokenConformance(make);
    erasureConformance(make);
    transactionConformance(make);
    ruleConformance(make);
    breachConformance(make);
    personSearchConformance(make);
    dpaDocumentConformance(make);
  });
}
