import { useEffect, useRef } from 'react';
import type { FieldMessages } from '@/lib/api-client';
import { isApiError } from '@/lib/api-client';
import { Alert } from './alert';
import { Button } from './button';
import { focusRing } from './classes';

type FormErrorsProps = {
  /** Field path -> message: the form's own checks and the API's field messages. */
  errors?: FieldMessages;
  /** The label the reader sees for a field path ("Purpose 2"); the message stands alone without one. */
  labelOf?: (path: string) => string | undefined;
  /** Moves focus to the field an entry names. */
  onSelect?: (path: string) => void;
  /** The failed save: a 412 offers the newer version, a refusal without field messages is said here. */
  failure?: unknown;
  /** Loads the newer version after a 412; the form keeps what was typed. */
  onReload?: () => void;
  /** What changed, in the words of the page ("This deletion request"). */
  subject?: string;
  /** Changes after each failed attempt: the summary then takes focus, so the reader hears what failed. */
  attempt?: number;
};

/** What a failure's alert says, or null when its field messages say it all (or nothing failed). */
function failureMessage(failure: unknown): string | null {
  if (!failure || isApiError(failure, 412)) return null;
  if (isApiError(failure, 422) && Object.keys(failure.fields).length > 0) return null;
  return isApiError(failure) ? failure.message : 'Saving failed. Please try again.';
}

/**
 * Everything a failed attempt has to say, above its form: which fields need what (each entry names the
 * field and moves to it), that someone else changed the record (with the newer version on offer), or why
 * the API refused.
 */
export function FormErrors({ errors = {}, labelOf, onSelect, failure, onReload, subject = 'This request', attempt = 0 }: FormErrorsProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const message = failureMessage(failure);
  const stale = isApiError(failure, 412);
  const shown = entries.length > 0 || message !== null || stale;

  // Once per failed attempt, as soon as the summary is on screen: the attempt may count before its
  // messages render (react-hook-form sets them after its callback), so wait for both.
  const focused = useRef(0);
  useEffect(() => {
    const summary = ref.current;
    if (attempt <= focused.current || !shown || !summary) return;
    focused.current = attempt;
    summary.focus({ preventScroll: true });
    // Its top edge below the sticky header (scroll-margin), however far down the submit button was.
    summary.scrollIntoView?.({ block: 'start' });
  }, [attempt, shown]);

  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1} className={`scroll-mt-24 space-y-3 rounded-md ${focusRing}`}>
      {stale ? (
        <Alert title={`${subject} has changed since you loaded it`}>
          <p>Someone else acted on it meanwhile. Load the newer version, check it, then try again; what you typed stays here.</p>
          {onReload ? (
            <Button className="mt-2" onClick={onReload}>
              Load the newer version
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {message ? <Alert>{message}</Alert> : null}
      {entries.length > 0 ? (
        <Alert title="Check the highlighted fields">
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {entries.map(([path, text]) => {
              const label = labelOf?.(path);
              const line = label ? `${label}: ${text}` : text;
              return (
                <li key={path}>
                  {label && onSelect ? (
                    <button type="button" className={`text-left underline ${focusRing}`} onClick={() => onSelect(path)}>
                      {line}
                    </button>
                  ) : (
                    line
                  )}
                </li>
              );
            })}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
