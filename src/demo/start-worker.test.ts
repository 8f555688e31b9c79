import { describe, expect, it } from 'vitest';
import { isVanishedWorkerUpdate } from './start-worker';

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
