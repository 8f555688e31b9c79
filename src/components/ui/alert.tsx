import type { ReactNode } from 'react';

type AlertProps = { tone?: 'error' | 'info'; title?: string; children: ReactNode };

/** A message that screen readers announce as soon as it appears. */
export function Alert({ tone = 'error', title, children }: AlertProps) {
  const colours = tone === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-blue-300 bg-blue-50 text-blue-900';
  return (
    <div role="alert" className={`rounded-md border px-4 py-3 text-sm ${colours}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      <div>{children}</div>
    </div>
  );
}
