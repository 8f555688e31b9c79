import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * The instant a page the server drew was drawn at (server/page-routes.ts writes it on `#root`; the browser
 * reads it before hydrating). While React takes such a page over it renders "now" as that instant, so every
 * "days left" and countdown reads as the server wrote it; the next render has the reader's own clock.
 */
let drawnAt: number | null = null;

export function setDrawnAt(instant: number | null): void {
  drawnAt = instant;
}

const unchanging = () => () => undefined;

/** The current time for rendering: renewed every `intervalMs` when given, else as of this render. */
export function useNow(intervalMs?: number): Date {
  const drawn = useSyncExternalStore(
    unchanging,
    () => null,
    () => drawnAt,
  );
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return new Date(drawn ?? (intervalMs === undefined ? Date.now() : now));
}
