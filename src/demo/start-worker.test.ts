import { describe, expect, it } from 'vitest';
import { isApiRequest, isVanishedWorkerUpdate } from './start-worker';

describe('the vanished worker rejection', () => {
  it("is recognised by Chromium's message, and nothing else is", () => {
    const vanished = new Error(
      "Failed to update a ServiceWorker for scope ('http://localhost:4173/') with script ('http://localhost:4173/mockServiceWorker.js'): Not found.",
    );
    expect(isVanishedWorkerUpdate(vanished)).toBe(true);
    expect(isVanishedWorkerUpdate(new Error('Failed to update a ServiceWorker: the script has an unsupported MIME type'))).toBe(false);
    expect(isVanishedWorkerUpdate(new Error('Not found'))).toBe(false);
    expect(isVanishedWorkerUpdate('Failed to update a ServiceWorker: Not found')).toBe(false);
    expect(isVanishedWorkerUpdate(null)).toBe(false);
  });
});

describe('the fetches held until msw answers', () => {
  it('are those of this origin under /api/', () => {
    const origin = 'http://localhost:4173';
    expect(isApiRequest('/api/exports/processors.csv', origin)).toBe(true);
    expect(isApiRequest(`${origin}/api/subjects/s1/proof.json`, origin)).toBe(true);
    expect(isApiRequest(new URL('/api/session', origin), origin)).toBe(true);
    expect(isApiRequest('/apiary', origin)).toBe(false);
    expect(isApiRequest('/assets/index.js', origin)).toBe(false);
    expect(isApiRequest('http://elsewhere.test/api/session', origin)).toBe(false);
  });
});
