import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from './api-client';
import { createQueryClient } from './query-client';

function setup() {
  const onUnauthenticated = vi.fn();
  const notify = vi.fn();
  const client = createQueryClient({ onUnauthenticated, notify });
  return { client, onUnauthenticated, notify };
}

const refused = (status: number, code: 'unauthenticated' | 'forbidden' | 'internal' | 'conflict') =>
  new ApiRequestError(status, code, `refused with ${status}`);

describe('createQueryClient', () => {
  it('sends the user to sign in on a 401 and raises no toast', async () => {
    const { client, onUnauthenticated, notify } = setup();
    await client.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(refused(401, 'unauthenticated')) }).catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    expect(notify).not.toHaveBeenCalled();
  });

  it('leaves a first load failure to the page, but toasts a failed refetch behind data on screen', async () => {
    const { client, notify } = setup();
    await client.fetchQuery({ queryKey: ['y'], queryFn: () => Promise.reject(refused(403, 'forbidden')) }).catch(() => undefined);
    expect(notify).not.toHaveBeenCalled();

    client.setQueryData(['z'], 'old');
    await client
      .fetchQuery({ queryKey: ['z'], staleTime: 0, queryFn: () => Promise.reject(refused(403, 'forbidden')) })
      .catch(() => undefined);
    expect(notify).toHaveBeenCalledWith('refused with 403');
  });

  it('toasts a failed mutation unless the caller handles it', async () => {
    const { client, notify, onUnauthenticated } = setup();
    const run = (errorHandling?: 'local', status = 409) =>
      client
        .getMutationCache()
        .build(client, {
          mutationFn: () => Promise.reject(refused(status, 'conflict')),
          meta: errorHandling ? { errorHandling } : undefined,
        })
        .execute(undefined)
        .catch(() => undefined);
    await run();
    expect(notify).toHaveBeenCalledWith('refused with 409');
    notify.mockClear();
    await run('local');
    await run('local', 401);
    expect(notify).not.toHaveBeenCalled();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('retries a server failure but not a refusal', async () => {
    const { client } = setup();
    const options = client.getDefaultOptions().queries;
    const retry = options?.retry;
    if (typeof retry !== 'function') throw new Error('retry should be a function');
    expect(retry(0, refused(404, 'forbidden'))).toBe(false);
    expect(retry(0, refused(500, 'internal'))).toBe(true);
    expect(retry(0, new TypeError('boom'))).toBe(true);
    expect(retry(2, refused(500, 'internal'))).toBe(false);
  });
});
