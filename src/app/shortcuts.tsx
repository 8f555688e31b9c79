import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { Session } from '@/api/contract/users';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { areasFor } from './nav-areas';

type Permissions = Pick<Session, 'permissions'>;

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

function goTargets(session: Permissions) {
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

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="flex flex-wrap items-center gap-1">
      {keys.map((key, index) =>
        key === 'then' || key === 'or' ? (
          <span key={index} className="text-xs text-gray-600">
            {key}
          </span>
        ) : (
          <kbd key={index} className="rounded border border-gray-300 bg-gray-50 px-1.5 py-0.5 font-mono text-xs text-gray-900">
            {key}
          </kbd>
        ),
      )}
    </span>
  );
}

type HelpProps = { open: boolean; onClose: () => void; session: Permissions };

export function ShortcutsHelp({ open, onClose, session }: HelpProps) {
  const rows: { keys: string[]; does: string }[] = [
    { keys: ['Ctrl', 'K', 'or', '⌘', 'K'], does: 'Quick find: processors, accounts, people, requests' },
    { keys: ['?'], does: 'Show these shortcuts' },
    { keys: ['Esc'], does: 'Close a dialog' },
    ...goTargets(session).map((target) => ({ keys: ['g', 'then', target.key], does: `Go to ${target.label}` })),
  ];
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col" className="pb-2 text-xs font-semibold text-gray-700 uppercase">
              Keys
            </th>
            <th scope="col" className="pb-2 text-xs font-semibold text-gray-700 uppercase">
              Action
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((row) => (
            <tr key={row.does}>
              <td className="py-2 pr-4 align-top">
                <Keys keys={row.keys} />
              </td>
              <td className="py-2 text-gray-800">{row.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-4 flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
