/// <reference types="vite/client" />
/** True in the demo build and the dev server: the API runs inside the page on a MemoryStore. */
declare const __DEMO__: boolean;

interface ImportMetaEnv {
  /** Consent events in the demo's generated seed (default: the seed's own); for the benchmark. */
  readonly VITE_DEMO_CONSENT_EVENTS?: string;
}
