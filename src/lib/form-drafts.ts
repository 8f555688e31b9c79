/**
 * What was typed into a form, kept in sessionStorage (this tab only, gone with it) while the form is open,
 * so a reload or a session that expired mid-form loses nothing: signing in again returns to the page
 * (`?next=`) and the form fills itself back in. A draft is dropped once saved, and when the form closes
 * for any other reason than the session ending (cancelled, or left by the reader).
 */
const PREFIX = 'privacy-console.draft:';

/** Never kept, at any depth: a password or a vendor's credentials must not outlive the form they were typed into. */
const SECRET = /password|secret|credential|token/i;

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): DraftStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Storage refused (a privacy setting): forms work as before, without drafts.
    return null;
  }
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET.test(key))
      .map(([key, v]) => [key, withoutSecrets(v)]),
  );
}

export function readDraft(key: string): Record<string, unknown> | null {
  const text = storage()?.getItem(PREFIX + key);
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, values: unknown): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(withoutSecrets(values)));
  } catch {
    // Full or refused: the form still works, only without a draft.
  }
}

export function dropDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

let sessionEnded = false;
const open = new Map<string, number>();

/** The session ended (a 401): the forms closing now keep their drafts for after signing in again. */
export function keepDraftsForSignIn(): void {
  sessionEnded = true;
}

/** A form holding this draft opened: from now on, closing it means the reader is done with it. */
export function draftOpened(key: string): void {
  sessionEnded = false;
  open.set(key, (open.get(key) ?? 0) + 1);
}

/**
 * The form closed. Unless the session ended, its draft goes, after a tick: React may mount the form again
 * at once (StrictMode, a re-keyed parent), and that one keeps it.
 */
export function draftClosed(key: string): void {
  open.set(key, (open.get(key) ?? 1) - 1);
  if (sessionEnded) return;
  setTimeout(() => {
    if (!sessionEnded && (open.get(key) ?? 0) <= 0) dropDraft(key);
  }, 0);
}
