import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '@/api/contract/audit';
import { page } from '@/api/contract/common';
import { connectorTestResult } from '@/api/contract/connectors';
import type { ProcessorView } from '@/api/contract/processors';
import { processorView } from '@/api/contract/processors';
import { connectorRuntime, sealConnectorCredentials } from '@/api/services/processor-connectors';
import { sandboxBaseUrls, sandboxCredentials, sandboxSettings } from '@/demo/sandboxes/sandbox-config';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError, newProcessor } from './helpers';

/** Every credential value any connector of these tests was given: none may reach an answer. */
const mailchimpKey = 'f0e1d2c3b4a5968778695a4b3c2d1e0f-us6';
const secrets = [...Object.values(sandboxCredentials).flatMap((c) => Object.values(c)), mailchimpKey, 'sk_test_replaced_key'];
const leaked = (text: string) => secrets.filter((s) => text.includes(s));

/** A processor's connectors: configured per processor, credentials encrypted apart and never answered, tested, audited. */
export function processorConnectorTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  async function fresh(name: string): Promise<ProcessorView> {
    const res = await h.call('officer', 'POST', '/api/processors', { body: { ...newProcessor, name } });
    expect(res.status).toBe(201);
    return processorView.parse(res.json);
  }
  const seeded = async (name: string) =>
    page(processorView)
      .parse((await h.call('officer', 'GET', `/api/processors?q=${encodeURIComponent(name)}`)).json)
      .items.find((p) => p.name === name)!;
  const mailchimp = (over: Record<string, unknown> = {}) => ({
    vendor: 'mailchimp',
    baseUrl: null,
    settings: { audienceId: 'a1b2c3' },
    credentials: { apiKey: mailchimpKey },
    ...over,
  });

  describe('processor connectors', () => {
    it('answers the seeded connectors to every reader, with whether credentials are set but never them', async () => {
      for (const who of ['officer', 'support', 'auditor'] as const) {
        const list = await h.call(who, 'GET', '/api/processors');
        expect(leaked(JSON.stringify(list.json))).toEqual([]);
        const stripe = page(processorView)
          .parse(list.json)
          .items.find((p) => p.name === 'Stripe');
        expect(stripe?.connector).toMatchObject({ vendor: 'stripe', baseUrl: sandboxBaseUrls.stripe, credentialsSet: true, settings: {} });
      }
      const crisp = await seeded('Crisp');
      expect(crisp.connector?.settings).toEqual(sandboxSettings.crisp);
      expect((await seeded('Google Analytics')).connector).toBeNull();
    });

    it('configures a connector: credentials encrypted apart, audited without them, version moved on', async () => {
      const p = await fresh('Acme Mailing');
      const res = await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body: mailchimp(), version: p.version });
      expect(res.status).toBe(200);
      expect(leaked(JSON.stringify(res.json))).toEqual([]);
      const configured = processorView.parse(res.json);
      expect(configured.version).toBe(p.version + 1);
      expect(configured.connector).toEqual({
        vendor: 'mailchimp',
        baseUrl: null,
        settings: { audienceId: 'a1b2c3' },
        credentialsSet: true,
        configuredAt: h.clock.now.toISOString(),
        configuredBy: { id: 'usr_officer', name: 'Olivia Officer' },
      });
      expect(configured.actions.testConnector.allowed).toBe(true);

      const stored = await h.store.transaction((tx) => tx.connectorCredentials.get(p.id));
      expect(stored).toMatchObject({ processorId: p.id, vendor: 'mailchimp' });
      expect(leaked(JSON.stringify(stored))).toEqual([]);
      const found = await h.store.transaction((tx) => connectorRuntime(tx, h.deps, p.id));
      if (!('runtime' in found)) throw new Error(found.unavailable);
      expect(found.runtime.connection.credentials).toEqual({ apiKey: mailchimpKey });
      // No base URL of its own: the production one of the key's data center.
      expect(found.runtime.connection.baseUrl).toBe('https://us6.api.mailchimp.com/3.0');

      const history = await h.call('auditor', 'GET', `/api/processors/${p.id}/history`);
      expect(leaked(JSON.stringify(history.json))).toEqual([]);
      const event = page(auditEvent)
        .parse(history.json)
        .items.find((e) => e.action === 'processor.connector_set');
      expect(event?.summary).toMatch(/credentials stored encrypted/);
      expect(event?.changes.map((c) => c.field)).toEqual(['connector']);
    });

    it('keeps the stored credentials when none are sent, and destroys them when the vendor changes', async () => {
      const p = await fresh('Acme Keeps');
      const first = processorView.parse(
        (await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body: mailchimp(), version: p.version })).json,
      );
      const blanks = mailchimp({ settings: { audienceId: 'z9' }, credentials: { apiKey: '  ' } });
      const kept = processorView.parse(
        (await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body: blanks, version: first.version })).json,
      );
      expect(kept.connector).toMatchObject({ settings: { audienceId: 'z9' }, credentialsSet: true });
      expect(await h.store.transaction((tx) => tx.connectorCredentials.get(p.id))).not.toBeNull();

      const other = { vendor: 'stripe', baseUrl: sandboxBaseUrls.stripe, settings: {} };
      const moved = processorView.parse(
        (await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body: other, version: kept.version })).json,
      );
      expect(moved.connector).toMatchObject({ vendor: 'stripe', credentialsSet: false });
      expect(moved.actions.testConnector).toEqual({ allowed: false, reason: 'The connector has no credentials to test yet' });
      expect(await h.store.transaction((tx) => tx.connectorCredentials.get(p.id))).toBeNull();
      const runtime = await h.store.transaction((tx) => connectorRuntime(tx, h.deps, p.id));
      expect(runtime).toEqual({ unavailable: expect.stringMatching(/has no credentials/) });
    });

    it('refuses bad input with 422 naming the field, a missing or stale version, and own locations', async () => {
      const p = await fresh('Acme Refusals');
      const post = (body: unknown, version: number | undefined = p.version) =>
        h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body, version });
      expectError(await post(mailchimp({ settings: {} })), 422, 'settings.audienceId');
      expectError(await post(mailchimp({ credentials: { apiKey: 'no-data-center-here!' } })), 422, 'credentials.apiKey');
      expectError(
        await post({ vendor: 'stripe', baseUrl: null, settings: {}, credentials: { secretKey: 'pk_live_public' } }),
        422,
        'credentials.secretKey',
      );
      expectError(await post(mailchimp({ baseUrl: 'ftp://files.example' })), 422, 'baseUrl');
      expectError(await post(mailchimp({ settings: { audienceId: 'a', extra: 'x' } })), 422);
      expectError(await post({ vendor: 'acme', baseUrl: null, settings: {} }), 422, 'vendor');
      expectError(await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body: mailchimp() }), 428);
      expectError(await post(mailchimp(), p.version + 5), 412);
      expectError(await h.call('officer', 'POST', '/api/processors/prc_nope/connector', { body: mailchimp(), version: 1 }), 404);
      const own = page(processorView)
        .parse((await h.call('officer', 'GET', '/api/processors?kind=own_location')).json)
        .items.find((x) => x.status !== 'retired')!;
      expect(own.actions.configureConnector.allowed).toBe(false);
      const refused = expectError(
        await h.call('officer', 'POST', `/api/processors/${own.id}/connector`, { body: mailchimp(), version: own.version }),
        409,
      );
      expect(refused.error.message).toBe(own.actions.configureConnector.reason);
      // Nothing of the refused attempts was stored.
      expect(await h.store.transaction((tx) => tx.connectorCredentials.get(p.id))).toBeNull();
      expect((await h.ok('officer', 'getProcessor', { params: { id: p.id } })).connector).toBeNull();
    });

    it('refuses a connector sent with a PATCH: only its own endpoints change it', async () => {
      const stripe = await seeded('Stripe');
      const res = await h.call('officer', 'PATCH', `/api/processors/${stripe.id}`, {
        body: { owner: stripe.owner, connector: null },
        version: stripe.version,
      });
      expectError(res, 422, 'connector');
      expect((await seeded('Stripe')).connector).toEqual(stripe.connector);
    });

    it('tests the connection against the vendor: ok, the vendor’s refusal, or an unreachable vendor', async () => {
      const stripe = await seeded('Stripe');
      const ok = await h.call('officer', 'POST', `/api/processors/${stripe.id}/connector/test`);
      expect(ok.status).toBe(200);
      expect(connectorTestResult.parse(ok.json)).toMatchObject({ ok: true, status: 200 });
      expect(leaked(JSON.stringify(ok.json))).toEqual([]);

      h.sandboxes.stripe.fail({ kind: 'unauthorized' });
      const refused = connectorTestResult.parse((await h.call('officer', 'POST', `/api/processors/${stripe.id}/connector/test`)).json);
      expect(refused).toMatchObject({ ok: false, status: 401 });
      expect(refused.message).toMatch(/Stripe refused the credentials \(401\): Invalid API Key provided/);

      const audit = page(auditEvent).parse(
        (await h.call('auditor', 'GET', `/api/audit-events?recordId=${stripe.id}&action=processor.connector_test`)).json,
      );
      expect(audit.items.map((e) => e.summary).sort()).toEqual([
        expect.stringMatching(/Stripe refused the credentials \(401\)/),
        expect.stringMatching(/the vendor accepted the credentials/),
      ]);
      expect(leaked(JSON.stringify(audit))).toEqual([]);

      const p = await fresh('Acme Unreachable');
      const configured = processorView.parse(
        (
          await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, {
            body: { vendor: 'stripe', baseUrl: 'http://127.0.0.1:9/v1', settings: {}, credentials: { secretKey: 'sk_test_replaced_key' } },
            version: p.version,
          })
        ).json,
      );
      const unreachable = connectorTestResult.parse(
        (await h.call('officer', 'POST', `/api/processors/${configured.id}/connector/test`)).json,
      );
      expect(unreachable).toMatchObject({ ok: false, status: null });
      expect(unreachable.message).toMatch(/could not be reached/);
    });

    it('refuses to test without credentials (409), and says when this server’s key cannot open them', async () => {
      const p = await fresh('Acme Locked');
      const none = expectError(await h.call('officer', 'POST', `/api/processors/${p.id}/connector/test`), 409);
      expect(none.error.message).toBe('No connector is configured for this processor');
      const configured = processorView.parse(
        (await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body: mailchimp(), version: p.version })).json,
      );
      const otherKey = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
      const foreign = await sealConnectorCredentials(otherKey, p.id, 'mailchimp', { apiKey: mailchimpKey }, h.clock.now.toISOString());
      await h.store.transaction((tx) => tx.connectorCredentials.put(foreign));
      const locked = expectError(await h.call('officer', 'POST', `/api/processors/${configured.id}/connector/test`), 409);
      expect(locked.error.message).toMatch(/cannot be decrypted with this server’s key|cannot be decrypted with this server's key/);
      expectError(await h.call('support', 'POST', `/api/processors/${p.id}/connector/test`), 403);
    });

    it('clears a connector and destroys its credentials, audited; clearing again is refused', async () => {
      const p = await fresh('Acme Cleared');
      const configured = processorView.parse(
        (await h.call('officer', 'POST', `/api/processors/${p.id}/connector`, { body: mailchimp(), version: p.version })).json,
      );
      expectError(await h.call('officer', 'DELETE', `/api/processors/${p.id}/connector`), 428);
      expectError(await h.call('officer', 'DELETE', `/api/processors/${p.id}/connector`, { version: p.version }), 412);
      const cleared = await h.call('officer', 'DELETE', `/api/processors/${p.id}/connector`, { version: configured.version });
      expect(cleared.status).toBe(200);
      const view = processorView.parse(cleared.json);
      expect(view.connector).toBeNull();
      expect(view.actions.clearConnector).toEqual({ allowed: false, reason: 'No connector is configured for this processor' });
      expect(await h.store.transaction((tx) => tx.connectorCredentials.get(p.id))).toBeNull();
      const events = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/processors/${p.id}/history`)).json).items;
      expect(events.find((e) => e.action === 'processor.connector_clear')?.summary).toMatch(/destroyed its credentials/);
      expectError(await h.call('officer', 'DELETE', `/api/processors/${p.id}/connector`, { version: view.version }), 409);
    });

    it('keeps every credential out of exports, the audit log and its export', async () => {
      const audit = await h.call('auditor', 'GET', '/api/audit-events?limit=200');
      expect(audit.status).toBe(200);
      expect(leaked(JSON.stringify(audit.json))).toEqual([]);
      const downloads: [string, 'auditor' | 'support'][] = [
        ['/api/exports/audit-events.csv', 'auditor'],
        ['/api/exports/processors.csv', 'auditor'],
        ['/api/exports/sub-processors.md', 'support'],
        ['/api/exports/sub-processors.html', 'support'],
      ];
      for (const [path, who] of downloads) {
        const res = await h.app.request(path, { headers: await h.authHeaders(who) });
        expect(res.status).toBe(200);
        expect(leaked(await res.text())).toEqual([]);
      }
    });
  });
}
