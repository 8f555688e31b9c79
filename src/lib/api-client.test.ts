import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, callApi, request } from './api-client';
import { createSessionTransport, getSessionTransport, setSessionTransport } from './session-transport';

type Captured = { url: string; init: RequestInit };

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

const user = { id: 'u1', email: 'officer@demo.test', name: 'Olivia Officer', role: 'privacy_officer' as const };
const permissions = ['dashboard.read' as const];
const original = getSessionTransport();
let calls: Captured[];

function answer(status: number, body: unknown) {
  calls = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
    calls.push({ url: input, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
}

function header(name: string): string | null {
  return new Headers(calls[0]?.init.headers).get(name);
}

beforeEach(() => setSessionTransport(createSessionTransport('server', null)));
afterEach(() => {
  vi.unstubAllGlobals();
  setSessionTransport(original);
});

describe('callApi', () => {
  it('parses a success body with the endpoint response schema', async () => {
    answer(200, { user, permissions });
    const session = await callApi('currentSession');
    expect(session.user.name).toBe('Olivia Officer');
    expect(calls[0]?.url).toBe('/api/session');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('refuses a success body that does not match the schema', async () => {
    answer(200, { user: { ...user, role: 'admin' }, permissions });
    const error = await callApi('currentSession').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
  });

  it('turns the error shape into an ApiRequestError with status, code and fields', async () => {
    answer(422, {
      error: { code: 'validation_failed', message: 'Check the fields', fields: { email: 'Enter an email address' } },
    });
    const error = await callApi('signIn', { body: { email: 'x', password: 'y' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Check the fields',
      fields: { email: 'Enter an email address' },
    });
  });

  it('falls back to a code from the status when the body is not the error shape', async () => {
    calls = [];
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await callApi('currentSession').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'internal', message: 'Bad Gateway', fields: {} });
  });

  it('maps an unreadable 403 to forbidden', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 403 }));
    await expect(callApi('listAuditEvents')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(callApi('currentSession')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('sends If-Match with the quoted version and a JSON body', async () => {
    answer(200, {});
    await callApi('supportAccessDeny', { params: { id: 'sar 1' }, body: { reason: 'No consent' }, version: 7 }).catch(() => undefined);
    expect(calls[0]?.url).toBe('/api/support-access-requests/sar%201/deny');
    expect(calls[0]?.init.method).toBe('POST');
    expect(header('If-Match')).toBe('"7"');
    expect(header('Content-Type')).toBe('application/json');
    expect(calls[0]?.init.body).toBe(JSON.stringify({ reason: 'No consent' }));
  });

  it('sends no If-Match without a version', async () => {
    answer(200, { user, permissions });
    await callApi('currentSession');
    expect(header('If-Match')).toBeNull();
  });

  it('builds the query string, joining lists and leaving out empty values', async () => {
    answer(200, { items: [], nextCursor: null });
    await callApi('listDeletions', { query: { status: ['approved', 'in_progress'], overdue: '1', accountId: undefined, limit: 20 } });
    expect(calls[0]?.url).toBe('/api/deletion-requests?status=approved%2Cin_progress&overdue=1&limit=20');
  });

  it('answers undefined for an endpoint without a body', async () => {
    calls = [];
    vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
      calls.push({ url: input, init });
      return new Response(null, { status: 204 });
    });
    await expect(callApi('signOut')).resolves.toBeUndefined();
    expect(calls[0]?.init.method).toBe('DELETE');
  });
});

describe('session transport', () => {
  it('in the demo keeps the token from sign-in and sends it as a bearer token', async () => {
    const transport = createSessionTransport('demo', memoryStorage());
    setSessionTransport(transport);
    answer(200, { user, permissions, token: 'tok-123' });
    const session = await callApi('signIn', { body: { email: 'officer@demo.test', password: 'demo-password' } });
    expect(header('Authorization')).toBeNull();
    transport.keep(session);

    answer(200, { user, permissions });
    await callApi('currentSession');
    expect(header('Authorization')).toBe('Bearer tok-123');

    transport.clear();
    answer(200, { user, permissions });
    await callApi('currentSession');
    expect(header('Authorization')).toBeNull();
  });

  it('on the server keeps nothing: the cookie travels by itself', async () => {
    const storage = memoryStorage();
    const transport = createSessionTransport('server', storage);
    setSessionTransport(transport);
    transport.keep({ user, permissions, token: 'should-not-be-kept' });
    answer(200, { user, permissions });
    await callApi('currentSession');
    expect(header('Authorization')).toBeNull();
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });
});

describe('request', () => {
  it('can call a path outside the endpoint table', async () => {
    answer(204, undefined);
    await expect(request('/api/demo/reset', { method: 'POST', schema: null })).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe('/api/demo/reset');
  });
});
