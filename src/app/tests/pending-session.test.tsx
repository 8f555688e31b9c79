// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '@/api/contract/users';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

describe('a console started with its session on the way (the demo, while its worker makes the data)', () => {
  it("sends the page's first request before the session is in, and never asks for the session itself", async () => {
    const requests: string[] = [];
    let arrive: (session: Session | undefined) => void = () => undefined;
    let given: Session | undefined;
    await renderConsole('/', {
      as: 'officer',
      requests,
      pendingSession: (session) => {
        given = session;
        return new Promise((resolve) => (arrive = resolve));
      },
    });
    await vi.waitFor(() => expect(requests).toContain('GET /api/dashboard'));
    expect(screen.queryByRole('heading', { level: 1, name: 'Dashboard' })).not.toBeInTheDocument();

    act(() => arrive(given));
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    expect(requests).not.toContain('GET /api/session');
  });

  it('asks the API for the session when none arrives', async () => {
    const requests: string[] = [];
    await renderConsole('/', { as: 'officer', requests, pendingSession: () => Promise.resolve(undefined) });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    expect(requests.filter((r) => r === 'GET /api/session')).toEqual(['GET /api/session']);
  });
});
