import type { Context } from 'hono';

/**
 * `Content-Disposition: attachment` for a file name as people write them (RFC 6266): an ASCII `filename` with
 * quotes, backslashes and anything outside printable ASCII replaced, for old clients, and the exact name as
 * `filename*` in UTF-8 (RFC 8187), so no name can end the header's quoted string or add a parameter.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  // A plain name goes as it is; any other also as `filename*`, which clients that know it prefer.
  return fallback === filename ? `attachment; filename="${filename}"` : `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A request's body as bytes, or null as soon as it passes `max` (by its declared length or as it streams). */
export async function readFile(c: Context, max: number): Promise<Uint8Array | null> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > max) return null;
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
