/**
 * How the console's API client sends a request: the browser's `fetch`, unless the demo build hands it another
 * way (src/demo/start-worker.ts sends each request to the in-page API's worker by message, so the console's
 * own calls wait for no service worker). Nothing else in the production build sets it.
 */
export type ApiFetch = (url: string, init: RequestInit) => Promise<Response>;

let current: ApiFetch = (url, init) => fetch(url, init);

export function apiFetch(url: string, init: RequestInit): Promise<Response> {
  return current(url, init);
}

/** The demo's transport (and tests): every later API call goes through `send`. */
export function setApiFetch(send: ApiFetch): void {
  current = send;
}
