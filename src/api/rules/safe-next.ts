/**
 * Only a path inside this app may be a destination after sign-in, never another site: the sign-in page
 * and the single sign-on's callback both follow it. No imports: the first page loads it.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/sign-in')) return '/';
  return next;
}
