/**
 * The cookie the browser keeps its time zone in (src/main.tsx writes it), for the server to draw its pages
 * in (server/page-answers.ts reads it; src/lib/format.ts `drawInZone` draws in it). A module of its own: the
 * entry writes it, and the entry does not load the formatting code.
 */
export const ZONE_COOKIE = 'console-zone';
