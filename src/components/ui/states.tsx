import type { ReactNode } from 'react';
import { isApiError } from '@/lib/api-client';
import { Button } from './button';

export function LoadingState({ label = 'Loading…', rows = 5 }: { label?: string; rows?: number }) {
  return (
    <div aria-busy="true" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <p role="status" className="mb-3 text-sm text-gray-600">
        {label}
      </p>
      <div className="space-y-3" aria-hidden="true">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-4 animate-pulse rounded bg-gray-200 motion-reduce:animate-none" />
        ))}
      </div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
      <p className="text-base font-medium text-gray-900">{title}</p>
      {children ? <div className="mt-2 text-sm text-gray-600">{children}</div> : null}
    </div>
  );
}

function explain(error: unknown): { title: string; detail: string; retry: boolean } {
  if (isApiError(error, 403)) {
    return { title: 'Not available to your role', detail: error.message, retry: false };
  }
  if (isApiError(error, 404)) {
    return { title: 'Not found', detail: 'Nothing exists at this address. It may have been removed, or the link is wrong.', retry: false };
  }
  // Trying the same request again only helps when the network or the server failed.
  if (isApiError(error)) return { title: 'Could not load this', detail: error.message, retry: error.status === 0 || error.status >= 500 };
  return { title: 'Could not load this', detail: 'Something went wrong. Please try again.', retry: true };
}

/** A failed load, in place of the content, with a way to try again when trying again can help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail, retry } = explain(error);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-6 py-6 text-red-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{detail}</p>
      {retry && onRetry ? (
        <Button className="mt-4" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
