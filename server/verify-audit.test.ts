import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeAudit, makeConsentEvent, makeSubject, hoursAfter, t0 } from '@/testing/fixtures';
import { TEST_KEY } from '@/testing/harness';
import type { Db } from './db';
import { openPglite } from './db';
import { migrate } from './migrate';
import { SqlStore } from './sql-store/sql-store';
import { verifyAudit } from './verify-audit';

describe('npm run verify-audit', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    const store = new SqlStore(db, { ownsDb: false, chainKey: TEST_KEY });
    await store.transaction(async (tx) => {
      await tx.accounts.insert(makeAccount());
      await tx.subjects.insert(makeSubject());
      for (let i = 0; i < 4; i++) await tx.consentEvents.insert(makeConsentEvent({ id: `ce-${i}`, occurredAt: hoursAfter(t0, i) }));
      for (let i = 0; i < 4; i++) await tx.audit.insert(makeAudit({ id: `aud-${i}`, at: hoursAfter(t0, i) }));
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers 0 and the heads while both chains hold', async () => {
    const { code, lines } = await verifyAudit(db, TEST_KEY);
    expect(code).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^Audit trail: intact, 4 events checked, head 4 [0-9a-f]{64}/),
      expect.stringMatching(/^Consent ledger: intact, 4 events checked/),
    ]);
  });

  it('answers 1 and names the event an owner edited with the trigger off', async () => {
    await db.exec(`ALTER TABLE consent_events DISABLE TRIGGER consent_events_append_only;
      UPDATE consent_events SET doc = jsonb_set(doc, '{action}', '"withdrawn"') WHERE id = 'ce-2';
      ALTER TABLE consent_events ENABLE TRIGGER consent_events_append_only;`);
    const { code, lines } = await verifyAudit(db, TEST_KEY);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^Audit trail: intact/);
    expect(lines[1]).toMatch(/^Consent ledger: BROKEN at link 3: event ce-2 altered/);
  });
});
