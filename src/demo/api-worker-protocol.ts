/** A request or answer as it crosses to and from the API's worker: plain data, the body as bytes (transferred). */
export type WireMessage = { headers: [string, string][]; body: ArrayBuffer | null };
export type WireRequest = WireMessage & { url: string; method: string };
export type WireResponse = WireMessage & { status: number; statusText: string };

/** What the page tells the API's worker (src/demo/api-worker.ts). */
export type ToApiWorker =
  { kind: 'start'; clockOffsetMs: number } | { kind: 'fetch'; id: number; request: WireRequest } | { kind: 'reset'; id: number };

/** What the API's worker tells the page (src/demo/start-worker.ts). */
export type FromApiWorker =
  | { kind: 'answer'; id: number; response: WireResponse }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'reset'; id: number }
  | { kind: 'clock'; offsetMs: number }
  /** The API answers: its data came from the seed cache or was generated, in `ms` (per step: `steps`). */
  | { kind: 'started'; source: 'cache' | 'generated'; ms: number; steps: Record<string, number> };

/** A GET or HEAD has no body; anything else sends its bytes, if any. */
export async function bodyOf(message: Request | Response, method = 'POST'): Promise<ArrayBuffer | null> {
  if (method === 'GET' || method === 'HEAD') return null;
  const bytes = await message.arrayBuffer();
  return bytes.byteLength > 0 ? bytes : null;
}
