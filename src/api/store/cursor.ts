import { ApiError } from '@/api/errors';

/** Cursors are opaque to clients: the sort key of the last row sent, as base64url JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  const json = JSON.stringify(key);
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const b64 = cursor.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const key: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key;
    }
  } catch {
    // fall through to the refusal below
  }
  throw new ApiError('bad_request', 'The cursor is not one this API gave out', { cursor: 'Invalid cursor' });
}
