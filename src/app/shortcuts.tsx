import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { Session } from '@/api/contract/users';
import { areasFor } from './nav-areas';

export type Permissions = Pick<Session, 'permissions'>;

/** "g" then a letter: go to an area (only those the role may use). */
const goKeys: Record<string, string> = {
  '/': 'd',
  '/processors': 'p',
  '/consents': 'c',
  '/support-access': 's',
  '/deletions': 'x',
  '/breaches': 'b',
  '/audit': 'a',
};

export function goTargets(session: Permissions) {
  return areasFor(session).flatMap((area) => {
    const key = goKeys[area.to];
    return key ? [{ key, to: area.to, label: area.label }] : [];
  });
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

type ShortcutHandlers = { session: Permissions; onQuickFind: () => void; onHelp: () => void };

/** The console's keyboard shortcuts, listened for on the whole document. */
export function useShortcuts({ session, onQuickFind, onHelp }: ShortcutHandlers) {
  const navigate = useNavigate();
  const handlers = useRef({ onQuickFind, onHelp, session });
  useEffect(() => {
    handlers.current = { onQuickFind, onHelp, session };
  });

  useEffect(() => {
    let goPending = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        handlers.current.onQuickFind();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      // Shortcuts act on the page, not inside an open dialog.
      if (document.querySelector('[aria-modal="true"]')) return;
      if (event.key === '?') {
        event.preventDefault();
        handlers.current.onHelp();
        return;
      }
      if (goPending > Date.now()) {
        goPending = 0;
        const target = goTargets(handlers.current.session).find((item) => item.key === event.key.toLowerCase());
        if (target) {
          event.preventDefault();
          void navigate(target.to);
        }
        return;
      }
      if (event.key === 'g') goPending = Date.now() + 1500;
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate]);
}
