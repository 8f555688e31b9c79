import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { Permissions } from './shortcuts';
import { goTargets } from './shortcuts';

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
