// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Harness } from '@/testing/harness';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

/** A date or an instant as the API sends it (`2026-12-20`, `2026-12-20T09:00:00.000Z`): never for a reader's eyes. */
const ISO = /\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?/g;

/** The text a reader sees once the page has settled, minus what is not shown (scripts, hidden inputs). */
async function settledText(): Promise<string> {
  await screen.findByRole('heading', { level: 1 });
  await waitFor(() => expect(document.querySelector('[aria-busy="true"]')).toBeNull());
  return document.body.textContent ?? '';
}

function pages(harness: Harness): string[] {
  const { seed } = harness;
  const deletion = seed.deletions.find((d) => d.status === 'completed') ?? seed.deletions[0];
  const open = seed.deletions.find((d) => d.status === 'in_progress') ?? seed.deletions[1];
  const breach = seed.breaches[0];
  const grant = seed.supportAccess.find((r) => r.grantEndsAt !== null) ?? seed.supportAccess[0];
  const processor = seed.processors.find((p) => p.noticeEndsAt !== null) ?? seed.processors[0];
  return [
    '/',
    '/processors',
    `/processors/${processor?.id}`,
    '/consents',
    '/consents/review',
    `/subjects/${seed.subjects[0]?.id}`,
    '/support-access',
    `/support-access/${grant?.id}`,
    '/deletions',
    `/deletions/${open?.id}`,
    `/deletions/${deletion?.id}`,
    `/deletions/${deletion?.id}/certificate`,
    '/breaches',
    `/breaches/${breach?.id}`,
    '/audit',
    `/accounts/${seed.accounts[0]?.id}`,
    '/sessions',
    '/api-tokens',
    '/webhooks',
    '/outbox',
  ];
}

describe('times people can read', () => {
  it('renders no date or timestamp in ISO form on the main pages', async () => {
    const first = await renderConsole('/', { as: 'officer' });
    const found: string[] = [];
    for (const path of pages(first.harness)) {
      await first.router.navigate(path);
      const text = await settledText();
      for (const match of text.matchAll(ISO)) found.push(`${path}: …${text.slice(Math.max(0, match.index - 40), match.index + 30)}…`);
    }
    expect(found).toEqual([]);
  }, 60_000);
});
