import type { Page } from '@playwright/test';

/**
 * Whether the demo's seed cache holds its entry (the worker writes it a moment after the API first answers).
 * Read by e2e/demo-cache.demo.spec.ts and by the benchmark's reload measurement.
 */
export function seedCached(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('privacy-console-demo-seed');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('seed')) return resolve(false);
          const get = db.transaction('seed').objectStore('seed').get('current');
          get.onsuccess = () => {
            resolve(typeof (get.result as { key?: unknown } | undefined)?.key === 'string');
            db.close();
          };
          get.onerror = () => resolve(false);
        };
      }),
  );
}
