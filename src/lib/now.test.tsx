// @vitest-environment jsdom
import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { setDrawnAt, useNow } from './now';

function Clock() {
  return <p>{useNow(1000).toISOString()}</p>;
}

afterEach(() => {
  setDrawnAt(null);
  vi.useRealTimers();
});

it('hydrates a page as of the instant the server drew it, then shows the reader’s clock', async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const drawnAt = Date.parse('2026-12-01T09:00:00.000Z');
  vi.useFakeTimers({ now: drawnAt, toFake: ['Date'] });
  setDrawnAt(drawnAt);
  const html = renderToString(<Clock />);
  expect(html).toContain('2026-12-01T09:00:00.000Z');

  // The browser takes the page over five seconds later, with the instant written on the page.
  vi.setSystemTime(drawnAt + 5000);
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const mismatches: unknown[] = [];
  await act(async () => {
    hydrateRoot(container, <Clock />, { onRecoverableError: (error) => mismatches.push(error) });
  });
  expect(mismatches).toEqual([]);
  expect(container.textContent).toBe('2026-12-01T09:00:05.000Z');
});

it('renders the reader’s clock on a page the browser draws itself', () => {
  setDrawnAt(null);
  const before = Date.now();
  const shown = Date.parse(renderToString(<Clock />).replace(/<[^>]+>/g, ''));
  expect(shown).toBeGreaterThanOrEqual(before);
});
