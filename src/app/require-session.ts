import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { redirect } from 'react-router';
import type { Session } from '@/api/contract/users';
import { isApiError } from '@/lib/api-client';
import { keepDraftsForSignIn } from '@/lib/form-drafts';
import { sessionQuery } from '@/lib/session';
import { getSessionTransport } from '@/lib/session-transport';
import { signInPath } from './safe-next';

/** The auth guard: every page but sign-in needs a session; without one, sign in and come back. */
export function requireSession(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs): Promise<Session> => {
    try {
      return await queryClient.ensureQueryData(sessionQuery);
    } catch (error) {
      if (isApiError(error, 401)) {
        keepDraftsForSignIn();
        getSessionTransport().clear();
        throw redirect(signInPath(new URL(request.url)));
      }
      throw error;
    }
  };
}
