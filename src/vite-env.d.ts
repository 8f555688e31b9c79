/// <reference types="vite/client" />
/** True in the demo build and the dev server: the API runs inside the page on a MemoryStore. */
declare const __DEMO__: boolean;
/** A hash of the demo seed generator's source at build time: part of the seed cache's key (src/demo/seed-cache.ts). */
declare const __DEMO_SEED_FINGERPRINT__: string;

interface ImportMetaEnv {
  /** Consent events in the demo's generated seed (default: the seed's own); for the benchmark. */
  readonly VITE_DEMO_CONSENT_EVENTS?: string;
}
