import type { Session } from '@/api/contract/users';
import { sessionCheck } from '@/lib/session-check';
import { getSessionTransport } from '@/lib/session-transport';
import type { ApiConnection } from './api-connection';

/**
 * The visitor's session, asked of the API in its worker as soon as the page starts, so the console can start
 * its page's loaders beside it (src/app/create-console.tsx `pendingSession`) rather than after it, while the
 * worker is still making its data. Checked without zod (src/lib/session-check.ts), as the session the server
 * writes into a page is. Without a token (a first visit, signed out) there is nothing to ask: undefined, as for
 * a refused token or an answer that is not a session; the console then asks the API itself.
 */
export async function demoSession(api: ApiConnection): Promise<Session | undefined> {
  const headers = getSessionTransport().headers();
  if (!headers.Authorization) return undefined;
  try {
    const answer = await api.answer(
      new Request(new URL('/api/session', location.href), { headers: { ...headers, Accept: 'application/json' } }),
    );
    if (!answer.ok) return undefined;
    const parsed = sessionCheck.safeParse(await answer.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
