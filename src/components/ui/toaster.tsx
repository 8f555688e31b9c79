import { toasts as store, useToasts } from '@/lib/toast';
import { focusRing } from './classes';

/** Always in the page, so that screen readers hear a message when it is added. */
export function Toaster() {
  const toasts = useToasts();
  return (
    <section aria-label="Notifications" className="pointer-events-none fixed right-4 bottom-4 z-40 w-full max-w-sm">
      <div role="status" aria-live="polite">
        <ol className="space-y-2">
          {toasts.map((toast) => (
            <li
              key={toast.id}
              className={`pointer-events-auto flex items-start justify-between gap-3 rounded-md border px-4 py-3 text-sm shadow-lg ${
                toast.tone === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-green-300 bg-green-50 text-green-900'
              }`}
            >
              <span>{toast.message}</span>
              <button
                type="button"
                onClick={() => store.dismiss(toast.id)}
                className={`rounded-sm text-xs font-medium underline ${focusRing}`}
              >
                Dismiss
              </button>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
