/**
 * The ledger's first filtered page in the demo: with the consent records open, each purpose and then each
 * channel is chosen in its filter, once each (so no answer comes from the query cache), and the time from
 * the select's change event to the first animation frame whose table shows only rows of that purpose or
 * channel, nothing busy, is recorded. The request goes through msw to the API in the page.
 */
import type { Page } from '@playwright/test';
import { launch, signedInState } from './page-load';

export type FilterRenderRow = {
  target: string;
  ledger: string;
  cpuSlowdown: number;
  samples: number;
  p50: number;
  p95: number;
  max: number;
};

/**
 * Installed before each change: `window.__filterRender` resolves with the milliseconds until the rows show.
 * A string, not a function: tsx would add helpers to a function's source that the page does not have.
 */
const watch = (column: number, text: string) => `
(() => {
  window.__filterRender = new Promise((resolve) => {
    let start = 0;
    const check = () => {
      const rows = [...document.querySelectorAll('main tbody tr[data-index]')];
      const shown = rows.length > 0 && rows.every((row) => row.children[${column}]?.textContent === ${JSON.stringify(text)});
      const busy = document.querySelector('main [aria-busy="true"]');
      if (shown && !busy) resolve(performance.now() - start);
      else requestAnimationFrame(check);
    };
    document.addEventListener('change', () => { start = performance.now(); requestAnimationFrame(check); }, { capture: true, once: true });
  });
})()`;

async function choose(page: Page, label: string, column: number): Promise<number[]> {
  const select = page.getByLabel(label, { exact: true });
  const options = await select
    .locator('option')
    .evaluateAll((all) =>
      all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })).filter((o) => o.value !== ''),
    );
  const times: number[] = [];
  for (const option of options) {
    await page.evaluate(watch(column, option.text));
    await select.selectOption(option.value);
    times.push(await page.evaluate(() => (window as unknown as { __filterRender: Promise<number> }).__filterRender));
  }
  await select.selectOption('');
  return times;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function measureFilterRenders(label: string, baseURL: string, cpuSlowdowns: readonly number[]): Promise<FilterRenderRow[]> {
  const browser = await launch();
  const rows: FilterRenderRow[] = [];
  try {
    const state = await signedInState(browser, baseURL);
    for (const cpuSlowdown of cpuSlowdowns) {
      const context = await browser.newContext({ baseURL, storageState: state, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto('/consents');
      await page.locator('main tbody tr[data-index]').first().waitFor({ timeout: 120_000 });
      // What the ledger holds, as the page says it ("Showing 50 of 100,000 records"), so the size is on record.
      const ledger = (await page.getByText(/^Showing [\d,]+ of [\d,]+ records$/).textContent()) ?? '';
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      const times = [...(await choose(page, 'Purpose', 2)), ...(await choose(page, 'Channel', 4))].sort((a, b) => a - b);
      await context.close();
      rows.push({
        target: label,
        ledger,
        cpuSlowdown,
        samples: times.length,
        p50: Math.round(percentile(times, 50)),
        p95: Math.round(percentile(times, 95)),
        max: Math.round(times.at(-1) ?? NaN),
      });
      console.info(`${label} filtered first page at ${cpuSlowdown}x CPU: ${JSON.stringify(rows.at(-1))}`);
    }
  } finally {
    await browser.close();
  }
  return rows;
}
