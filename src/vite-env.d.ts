/// <reference types="vite/client" />
/** True in the demo build and the dev server: the API runs inside the page on a MemoryStore. */
declare const __DEMO__: boolean;
