import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError, newProcessor } from './helpers';

/** Hostile text and links (issue 17): refused at the contract, inert in every export that writes a link. */
export function hardeningTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  describe('text that cannot be stored', () => {
    it('refuses a lone surrogate or a NUL in a free-text field with 422 naming the field, and stores nothing', async () => {
      const subjectId = h.seed.subjects.find((s) => s.kind === 'person')!.id;
      await h.authHeaders('officer'); // signing in is audited: not this test's doing
      const before = await h.ok('auditor', 'listAuditEvents', { query: { limit: 1 } });
      for (const note of ['said so\ud800', '\udc00said so', 'said so\u0000']) {
        const res = await h.call('officer', 'POST', '/api/consent-events', {
          body: { subjectId, purpose: 'marketing_emails', action: 'withdrawn', channel: 'call', note },
        });
        const error = expectError(res, 422, 'note');
        expect(Object.keys(error.error.fields ?? {})).toEqual(['note']);
      }
      for (const name of ['Acme\ud800', 'Acme\u0000']) {
        expectError(await h.call('officer', 'POST', '/api/processors', { body: { ...newProcessor, name } }), 422, 'name');
      }
      expectError(
        await h.call('officer', 'POST', '/api/processors', {
          body: { ...newProcessor, name: 'Nested Ltd', dpa: { ...newProcessor.dpa, reference: 'DPA\ud83d' } },
        }),
        422,
        'dpa.reference',
      );
      const after = await h.ok('auditor', 'listAuditEvents', { query: { limit: 1 } });
      expect(after.items[0]?.id).toBe(before.items[0]?.id);
    });

    it('refuses them in a password and an id too, not only in free text', async () => {
      expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'a@b.test', password: 'pw\ud800' } }), 422, 'password');
      expectError(
        await h.call('officer', 'POST', '/api/deletion-requests', {
          body: { accountId: 'acc\u0000', origin: 'erasure_request', receivedAt: h.clock.now.toISOString(), note: 'x' },
        }),
        422,
        'accountId',
      );
    });
  });

  describe('links', () => {
    it('accepts only http and https privacy-policy addresses, naming the field', async () => {
      for (const url of [
        'javascript:alert(1)',
        'JAVASCRIPT:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'ftp://x.example/p',
        'vbscript:x',
      ]) {
        const res = await h.call('officer', 'POST', '/api/processors', {
          body: { ...newProcessor, name: `Link ${url}`, privacyPolicyUrl: url },
        });
        expectError(res, 422, 'privacyPolicyUrl');
      }
      const processors = await h.ok('officer', 'listProcessors');
      const target = processors.items.find((p) => p.status === 'active')!;
      const res = await h.call('officer', 'PATCH', `/api/processors/${target.id}`, {
        version: target.version,
        body: { privacyPolicyUrl: 'javascript:alert(document.cookie)' },
      });
      expectError(res, 422, 'privacyPolicyUrl');
    });

    it('writes only safe links in the public sub-processor exports, whatever is stored', async () => {
      const markup = 'https://policy.example/"><script>alert(1)</script><a href="x';
      const hostile = ['javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', markup];
      const active = (await h.ok('officer', 'listProcessors', { query: { status: 'active', kind: 'processor' } })).items.slice(0, 3);
      expect(active).toHaveLength(3);
      // Rows written before the contract refused such links: straight into the store, past the API.
      const stored = await h.store.transaction(async (tx) => Promise.all(active.map((p) => tx.processors.get(p.id))));
      await h.store.transaction(async (tx) => {
        for (const [i, p] of stored.entries())
          await tx.processors.update({ ...p!, privacyPolicyUrl: hostile[i]!, version: p!.version + 1 }, p!.version);
      });
      try {
        const htmlText = await (
          await h.app.request('/api/exports/sub-processors.html', { headers: await h.authHeaders('officer') })
        ).text();
        expect(htmlText).not.toMatch(/javascript:|data:text|<script/i);
        expect(htmlText).toContain('href="https://policy.example/%22%3E%3Cscript%3Ealert%281%29%3C/script%3E%3Ca%20href=%22x"');
        const markdown = await (await h.app.request('/api/exports/sub-processors.md', { headers: await h.authHeaders('officer') })).text();
        expect(markdown).not.toMatch(/javascript:|data:text|<script/i);
        expect(markdown).toContain(
          '[Privacy policy](<https://policy.example/%22%3E%3Cscript%3Ealert%281%29%3C/script%3E%3Ca%20href=%22x>)',
        );
        // The two refused links are left out, not written as text someone could copy into a browser.
        expect(markdown.match(/\[Privacy policy\]/g)?.length).toBe(htmlText.match(/>Privacy policy</g)?.length);
      } finally {
        await h.store.transaction(async (tx) => {
          for (const p of stored) {
            const now = await tx.processors.get(p!.id);
            await tx.processors.update({ ...p!, version: now!.version + 1 }, now!.version);
          }
        });
      }
    });
  });
}
