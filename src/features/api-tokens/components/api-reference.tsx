import { useQuery } from '@tanstack/react-query';
import { signInInfoQuery } from '@/lib/session';

/**
 * Where a machine client's team reads the API. The server serves the OpenAPI document and its viewer; the
 * demo's API answers only this page's own requests (its worker leaves a page visit to the static host), so
 * the demo says where they are instead of linking to addresses it cannot serve.
 */
export function ApiReference({ mode }: { mode: 'demo' | 'server' }) {
  if (mode === 'demo') {
    return (
      <p className="text-sm text-gray-700">
        On a server, this API is described by an OpenAPI 3.1 document at <code className="font-mono">/api/openapi.json</code> and browsable
        at <code className="font-mono">/api/docs</code>. This demo serves neither: its API runs inside this page.
      </p>
    );
  }
  return (
    <p className="text-sm text-gray-700">
      The API is described by an OpenAPI 3.1 document,{' '}
      <a href="/api/openapi.json" className="underline">
        /api/openapi.json
      </a>
      , which any client generator reads. Browse it in the{' '}
      <a href="/api/docs" className="underline">
        API reference
      </a>
      .
    </p>
  );
}

/** The reference for the API this console runs on (health says which home it has). */
export function ThisApiReference() {
  const mode = useQuery(signInInfoQuery).data?.mode;
  return mode ? <ApiReference mode={mode} /> : null;
}
