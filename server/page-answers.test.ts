import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '@/testing/harness';
import { makeHarness, memoryStore } from '@/testing/harness';
import { newProcessor } from '@/testing/api-suite/helpers';
import { createServerApp } from './http-app';
import { pagePrint } from './page-answers';

const indexHtml = '<!doctype html><html><head><title>Privacy Console</title></head><body><div id="root"></div></body></html>';

/** The answers a page carries, as the browser reads them (src/lib/boot-data.ts). */
function answersIn(html: string): { url: string; body: unknown }[] | undefined {
  const json = /<script type="application\/json" id="boot-answers">(.*?)<\/script>/s.exec(html)?.[1];
  return json === undefined ? undefined : (JSON.parse(json) as { url: string; body: unknown }[]);
}

describe('a console page carries the answers its loaders read', () => {
  let h: Harness;
  let dist: string;
  beforeAll(async () => {
    h = await makeHarness(memoryStore, 'server');
    dist = mkdtempSync(join(tmpdir(), 'pc-answers-'));
    writeFileSync(join(dist, 'index.html'), indexHtml);
  }, 60_000);
  afterAll(async () => {
    rmSync(dist, { recursive: true, force: true });
    await h.close();
  });

  // However busy the machine, the answers are waited for (the time limit has a test of its own below).
  const server = () => createServerApp({ api: h.app, distDir: dist, answerWaitMs: 60_000 });
  const page = async (path: string, who: 'officer' | 'auditor' | 'nobody', headers: Record<string, string> = {}) => {
    const res = await server().request(path, { headers: { ...(await h.authHeaders(who)), ...headers } });
    expect(res.status, path).toBe(200);
    return { res, html: await res.text() };
  };
  const api = async (path: string, who: 'officer' | 'auditor') =>
    (await h.app.request(path, { headers: await h.authHeaders(who) })).json() as Promise<unknown>;

  it('answers the dashboard’s read exactly as the API answers it', async () => {
    const { html } = await page('/', 'officer');
    expect(answersIn(html)).toEqual([{ url: '/api/dashboard', body: await api('/api/dashboard', 'officer') }]);
  });

  it('answers a list with the page’s own filters, for the visitor’s own role, and leaves the session out', async () => {
    const { html } = await page('/consents?purpose=marketing_emails', 'auditor');
    const answers = answersIn(html) ?? [];
    expect(answers.map((a) => a.url)).toEqual(['/api/consent-events?purpose=marketing_emails&limit=50']);
    expect(answers[0]?.body).toEqual(await api('/api/consent-events?purpose=marketing_emails&limit=50', 'auditor'));
    expect(answers.some((a) => a.url.startsWith('/api/session'))).toBe(false);
  });

  it('answers nothing without a session, and nothing on the sign-in page', async () => {
    expect(answersIn((await page('/', 'nobody')).html)).toBeUndefined();
    expect(answersIn((await page('/sign-in', 'nobody')).html)).toBeUndefined();
  });

  it('sends the page gzip where the browser takes it, and plain where it does not', async () => {
    const zipped = await server().request('/processors', { headers: { ...(await h.authHeaders('officer')), 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(zipped.headers.get('cache-control')).toBe('no-store');
    const { res, html } = await page('/processors', 'officer');
    expect(res.headers.get('content-encoding')).toBeNull();
    // The officer may read the controller's settings: the list page reads them beside the list, so they are drawn too.
    expect(answersIn(html)?.map((a) => a.url)).toEqual(['/api/settings', '/api/processors']);
  });

  it('sends the head, gzip or plain, before the page’s reads start (drawing the page holds the event loop)', async () => {
    for (const encoding of ['gzip', 'identity']) {
      let headRead = false;
      const readsStarted: boolean[] = [];
      const api = {
        fetch: (request: Request) => {
          if (new URL(request.url).pathname !== '/api/session') readsStarted.push(headRead);
          return h.app.fetch(request);
        },
      };
      const res = await createServerApp({ api, distDir: dist, answerWaitMs: 60_000 }).request('/', {
        headers: { ...(await h.authHeaders('officer')), 'Accept-Encoding': encoding },
      });
      const reader = res.body!.getReader();
      const chunks: Buffer[] = [];
      const sofar = () => {
        const bytes = Buffer.concat(chunks);
        return (encoding === 'gzip' ? gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }) : bytes).toString();
      };
      // The chunks until the head is whole (gzip's own header may come first, alone).
      while (!sofar().includes('</head>')) chunks.push(Buffer.from((await reader.read()).value!));
      headRead = true;
      expect(sofar(), encoding).not.toContain('id="root"');
      while (!(await reader.read()).done);
      // Without the wait, the loaders ask the API before the head's bytes have left.
      expect(readsStarted, encoding).toEqual([true]);
    }
  });

  it('writes every < in an answer escaped, so no record can end the element or start a script', async () => {
    const created = await h.call('officer', 'POST', '/api/processors', {
      body: { ...newProcessor, name: 'Evil </script><script>alert(1)</script> Ltd' },
    });
    const { html } = await page('/processors', 'officer');
    expect(html).not.toContain('</script><script>alert(1)');
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script type="application/json" id="boot-data">',
      '<script type="application/json" id="boot-answers">',
    ]);
    expect(created.status).toBe(201);
    expect(html).toContain('Evil \\u003c/script>');
  });

  const drawnRoot = (html: string) => /<div id="root" data-server-rendered="(\d+)" inert="">/.exec(html);

  it('draws the page from those answers, as the visitor’s role sees it, inert until React takes it over', async () => {
    const before = Date.now();
    const officer = (await page('/processors', 'officer')).html;
    const processors = (await api('/api/processors', 'officer')) as { items: { name: string }[] };
    expect(Number(drawnRoot(officer)?.[1])).toBeGreaterThanOrEqual(before);
    const root = officer.slice(officer.indexOf('<div id="root"'));
    const escaped = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
    for (const { name } of processors.items.slice(0, 5)) expect(root).toContain(`>${escaped(name)}<`);
    expect(root).toContain('Add processor');
    // Its own title, the document's one: just before #root, outside what React hydrates (the head went first).
    expect(root).not.toContain('<title>');
    expect([...officer.matchAll(/<title>[^<]*<\/title>/g)].map((m) => m[0])).toEqual(['<title>Processors · Privacy Console</title>']);
    expect(officer).toContain('<title>Processors · Privacy Console</title><div id="root" data-server-rendered=');
    const auditor = (await page('/processors', 'auditor')).html;
    expect(drawnRoot(auditor)).not.toBeNull();
    expect(auditor).not.toContain('Add processor');
  });

  it('draws no page without a session, nor a form (its draft is in the browser’s tab), but a record’s page', async () => {
    expect(drawnRoot((await page('/processors', 'nobody')).html)).toBeNull();
    const form = (await page('/processors/new', 'officer')).html;
    expect(drawnRoot(form)).toBeNull();
    // Not drawn, it keeps the console's one title (moved with the page's second part).
    expect([...form.matchAll(/<title>[^<]*<\/title>/g)].map((m) => m[0])).toEqual(['<title>Privacy Console</title>']);
    const processors = (await api('/api/processors', 'officer')) as { items: { id: string }[] };
    const edit = (await page(`/processors/${processors.items[0]!.id}/edit`, 'officer')).html;
    expect(drawnRoot(edit)).toBeNull();
    expect(answersIn(edit)?.length).toBeGreaterThan(0);
    expect(drawnRoot((await page(`/processors/${processors.items[0]!.id}`, 'officer')).html)).not.toBeNull();
  });

  it('goes without what the API does not answer in time', async () => {
    const slow = {
      fetch: async (request: Request) => {
        if (new URL(request.url).pathname === '/api/dashboard') await new Promise((r) => setTimeout(r, 300));
        return h.app.fetch(request);
      },
    };
    const request = new Request('http://console.test/', { headers: await h.authHeaders('officer') });
    const session = await api('/api/session', 'officer');
    expect(await pagePrint(slow, request, undefined, session, 50)).toEqual({ answers: [], page: null });
    const inTime = await pagePrint(slow, request, undefined, session, 60_000);
    expect(inTime.answers.map((a) => a.url)).toEqual(['/api/dashboard']);
    expect(inTime.page?.markup).toContain('Dashboard');
  });
});
