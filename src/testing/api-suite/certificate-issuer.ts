import { beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/api/contract/endpoints';
import { deletionRequestView } from '@/api/contract/deletions';
import type { ControllerDetails } from '@/api/contract/settings';
import { verifyCertificateText } from '@/api/rules/certificate-verification';
import { DEFAULT_CONTROLLER } from '@/api/rules/controller';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { rollOffBackup } from './helpers';

/**
 * The certificate names its issuer (issue 15 item 7): the controller as configured when the request completed and
 * the officer who completed it. It is fixed at completion, so a later change of the configuration changes no
 * issued certificate and breaks no signature; a new completion names the new controller.
 */
export function certificateIssuerTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  const used = new Set<string>();
  /** A website visitor's erasure, recorded, approved by a second officer, its tasks resolved and completed. */
  async function completeVisitorErasure() {
    const busy = new Set((await h.store.transaction((tx) => tx.deletions.list({ limit: 1000 }))).items.map((d) => d.person?.subjectId));
    const visitor = h.seed.subjects.find((s) => s.kind === 'visitor' && !busy.has(s.id) && !used.has(s.id));
    if (!visitor) throw new Error('the seed has no website visitor left');
    used.add(visitor.id);
    const created = await h.call('officer', 'POST', '/api/person-erasure-requests', {
      body: {
        personKind: 'website_visitor',
        visitorId: visitor.id,
        receivedAt: '2026-11-20T09:00:00.000Z',
        note: 'Form',
        identityCheck: { method: 'visitor_cookie', detail: 'The request came from the browser holding the visitor cookie' },
      },
    });
    expect(created.status).toBe(201);
    let d = deletionRequestView.parse(created.json);
    const approved = await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
      body: { confirmAccountName: d.accountName },
      version: d.version,
    });
    expect(approved.status).toBe(200);
    d = deletionRequestView.parse(approved.json);
    for (const t of d.tasks.filter((x) => x.kind !== 'backup')) {
      const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
        body: { taskId: t.id, outcome: 'deleted', reference: `ref-${t.systemName}`, notified: false },
        version: d.version,
      });
      expect(res.status).toBe(200);
      d = deletionRequestView.parse(res.json);
    }
    // A visitor's data is in no backup set; when it is, the set resolves itself on its roll-off date.
    const version = d.tasks.some((t) => t.kind === 'backup' && !t.outcome) ? (await rollOffBackup(h, d)).version : d.version;
    const done = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version });
    expect(done.status).toBe(200);
    return deletionRequestView.parse(done.json);
  }

  /** The certificate as downloaded: its exact text. */
  async function certificateText(id: string): Promise<string> {
    const res = await h.app.request(`/api/deletion-requests/${id}/certificate`, { headers: await h.authHeaders('auditor') });
    expect(res.status).toBe(200);
    return res.text();
  }

  async function publishedKey(): Promise<string> {
    return endpoints.certificateSigningKey.response.parse((await h.call('nobody', 'GET', '/api/.well-known/deletion-certificate-key')).json)
      .publicKey;
  }

  describe("a certificate's issuer", () => {
    it('is the controller configured at completion; a later change of it changes no issued certificate', async () => {
      const configured = h.deps.controller;
      const renamed: ControllerDetails = {
        ...DEFAULT_CONTROLLER,
        name: 'Renamed Controller d.o.o.',
        address: 'Bulevar 1, Novi Sad, Serbia',
        email: 'dpo@renamed.example',
        contact: 'Data protection officer',
        url: 'https://renamed.example',
      };
      // A request completed before the issuer was kept with it (the seed's): built as before, under the old name.
      const legacy = h.seed.deletions.find((d) => d.status === 'completed')!;
      try {
        const d = await completeVisitorErasure();
        expect(JSON.stringify(d)).not.toContain('"certificate"');
        const before = await certificateText(d.id);
        const legacyBefore = await certificateText(legacy.id);
        const cert = endpoints.deletionCertificate.response.parse(JSON.parse(before));
        const { controller } = await h.ok('auditor', 'getSettings');
        expect(cert.issuer).toEqual({
          company: controller.name,
          officer: 'Olivia Officer',
          officerRole: 'Privacy officer',
          address: controller.address,
          email: controller.email,
          contact: controller.contact,
          url: controller.url,
        });
        expect(cert.statement).toContain(`${controller.name} certifies`);

        h.deps.controller = renamed;
        expect((await h.ok('auditor', 'getSettings')).controller.name).toBe(renamed.name);
        const after = await certificateText(d.id);
        expect(after).toBe(before);
        expect(await verifyCertificateText(after, await publishedKey())).toMatchObject({ valid: true });
        const legacyAfter = await certificateText(legacy.id);
        expect(legacyAfter).toBe(legacyBefore);
        expect(endpoints.deletionCertificate.response.parse(JSON.parse(legacyAfter)).issuer).toEqual({
          company: 'ActiveCollab',
          officer: expect.any(String),
        });
        expect(await verifyCertificateText(legacyAfter, await publishedKey())).toMatchObject({ valid: true });

        // A completion now names the controller configured now.
        const next = await completeVisitorErasure();
        const fresh = endpoints.deletionCertificate.response.parse(JSON.parse(await certificateText(next.id)));
        expect(fresh.issuer).toMatchObject({ company: renamed.name, address: renamed.address, email: renamed.email });
        expect(fresh.statement).toContain(`${renamed.name} certifies`);
        expect(await verifyCertificateText(JSON.stringify(fresh), await publishedKey())).toMatchObject({ valid: true });
      } finally {
        h.deps.controller = configured;
      }
    });
  });
}
