import { afterAll, beforeAll, describe } from 'vitest';
import type { Harness, StoreFactory } from '@/testing/harness';
import { makeHarness } from '@/testing/harness';
import { apiTokenTests } from './api-tokens';
import { breachTests } from './breaches';
import { consentTests } from './consent';
import { deletionConnectorTests } from './deletion-connectors';
import { deletionTests } from './deletions';
import { erasureTests } from './erasure';
import { hardeningTests } from './hardening';
import { hardeningMoreTests } from './hardening-more';
import { mfaTests } from './mfa';
import { overviewTests } from './overview';
import { processorConnectorTests } from './processor-connectors';
import { personSearchTests } from './person-search';
import { personErasureTests } from './person-erasure';
import { dpaDocumentTests } from './dpa-documents';
import { processorTests } from './processors';
import { raceTests } from './races';
import { recordOfProcessingTests } from './record-of-processing';
import { sessionTests } from './session';
import { supportAccessTests } from './support-access';
import { certificateIssuerTests } from './certificate-issuer';

/** What each area's tests get: the harness (made before they run) and the session transport's mode. */
export type Suite = { harness(): Harness; mode: 'demo' | 'server' };

/**
 * The API's behaviour, run against every store: the same suite for MemoryStore, PGlite and PostgreSQL. The
 * areas share one seeded store and run in this order (a later area may rely on what an earlier one left).
 */
export function describeApi(name: string, makeStore: StoreFactory, mode: 'demo' | 'server' = 'demo') {
  describe(`API on ${name} (${mode} mode)`, () => {
    let h: Harness | undefined;
    beforeAll(async () => {
      h = await makeHarness(makeStore, mode);
    });
    afterAll(async () => {
      await h?.close();
    });
    const suite: Suite = {
      harness() {
        if (!h) throw new Error('The harness is made in beforeAll');
        return h;
      },
      mode,
    };
    sessionTests(suite);
    processorTests(suite);
    processorConnectorTests(suite);
    recordOfProcessingTests(suite);
    consentTests(suite);
    personSearchTests(suite);
    dpaDocumentTests(suite);
    supportAccessTests(suite);
    deletionTests(suite);
    erasureTests(suite);
    raceTests(suite);
    hardeningTests(suite);
    hardeningMoreTests(suite);
    overviewTests(suite);
    breachTests(suite);
    deletionConnectorTests(suite);
    mfaTests(suite);
    apiTokenTests(suite);
    personErasureTests(suite);
    certificateIssuerTests(suite);
  });
}
