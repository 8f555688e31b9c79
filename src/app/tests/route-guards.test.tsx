// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { permissionsOf } from '@/api/rules/permissions';
import { navAreas } from '@/app/nav-areas';
import type { DemoUser } from './render-console';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const roleOf = { officer: 'privacy_officer', support: 'support_agent', auditor: 'auditor' } as const;

/** The write forms and the areas behind a permission: a role without it never sees the form. */
const guarded: readonly { path: string; open: DemoUser; closed: readonly DemoUser[]; heading: string }[] = [
  { path: '/processors/new', open: 'officer', closed: ['support', 'auditor'], heading: 'Add processor' },
  { path: '/deletions/new', open: 'officer', closed: ['support', 'auditor'], heading: 'Record an erasure request' },
  { path: '/support-access/new', open: 'support', closed: ['officer', 'auditor'], heading: 'New support-access request' },
  { path: '/consents/review', open: 'auditor', closed: ['support'], heading: 'Consent review queue' },
  { path: '/audit', open: 'auditor', closed: ['support'], heading: 'Audit log' },
];

describe('route guards follow the permissions the session answers', () => {
  for (const { path, open, closed, heading } of guarded) {
    it(`opens ${path} to a ${open}`, async () => {
      await renderConsole(path, { as: open });
      expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
      expect(screen.queryByRole('heading', { name: 'Not available to your role' })).not.toBeInTheDocument();
    });
    for (const who of closed) {
      it(`shows a ${who} at ${path} that it is not theirs, and no form`, async () => {
        await renderConsole(path, { as: who });
        expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your role' })).toBeInTheDocument();
        expect(screen.queryByRole('heading', { name: heading })).not.toBeInTheDocument();
        expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
        expect(screen.queryByRole('button', { name: /save|record|ask|add/i })).not.toBeInTheDocument();
      });
    }
  }
});

describe('the navigation follows the same permissions', () => {
  for (const who of ['officer', 'support', 'auditor'] as const) {
    it(`lists for a ${who} exactly the areas its permissions open`, async () => {
      await renderConsole('/', { as: who });
      const nav = await screen.findByRole('navigation', { name: 'Main' });
      const expected = navAreas.filter((area) => permissionsOf(roleOf[who]).includes(area.permission)).map((area) => area.label);
      expect(
        within(nav)
          .getAllByRole('link')
          .map((link) => link.textContent),
      ).toEqual(expected);
    });
  }
});
