import type { ReactNode } from 'react';

/**
 * A standing message about the page's record. Unlike the design system's Alert it is not a live region:
 * it may hold a ticking countdown, which must not be announced every second.
 */
export function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-md border border-blue-300 bg-blue-50 px-4 py-3 text-sm text-blue-900">
      <p className="font-semibold">{title}</p>
      <div>{children}</div>
    </div>
  );
}
