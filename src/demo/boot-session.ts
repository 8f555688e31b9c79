import { BOOT_DATA_ID } from '@/lib/boot-data';
import { getSessionTransport } from '@/lib/session-transport';
import type { ApiConnection } from './api-connection';

/**
 * What the server does for a console page (server/http-app.ts `bootData`), done in the page: the session the
 * API answers for the visitor's token goes into the page as inert boot data, so the console starts with it
 * and checks it without zod (src/lib/session-check.ts), as on the server. Asked of the API in its worker, so
 * the same rules answer; without a token (a first visit, signed out) there is nothing to ask and nothing waits.
 */
export async function bootSession(api: ApiConnection): Promise<void> {
  const headers = getSessionTransport().headers();
  if (!headers.Authorization || document.getElementById(BOOT_DATA_ID)) return;
  try {
    const answer = await api.answer(
      new Request(new URL('/api/session', location.href), { headers: { ...headers, Accept: 'application/json' } }),
    );
    if (!answer.ok) return;
    const session: unknown = await answer.json();
    const element = document.createElement('script');
    element.type = 'application/json';
    element.id = BOOT_DATA_ID;
    element.textContent = JSON.stringify({ session });
    document.head.append(element);
  } catch {
    // The console asks for the session itself.
  }
}
