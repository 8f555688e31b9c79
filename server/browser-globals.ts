/**
 * What Vite defines for the browser's code (vite.config.ts `define`), for the console code the server renders
 * (server/sign-in-render.ts): the server's pages are never the demo's. Imported before any such module.
 */
(globalThis as { __DEMO__?: boolean }).__DEMO__ = false;
