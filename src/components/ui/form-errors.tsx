import type { z } from 'zod';
import { Alert } from './alert';
import { Button } from './button';
import { isApiError } from '@/lib/api-client';

export type FieldErrors = Readonly<Record<string, string>>;

/** The first message per top-level field of a failed client-side parse. */
export function issuesToErrors(error: z.ZodError): FieldErrors {
  const found: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !found[field]) found[field] = issue.message;
  }
  return found;
}

/** The API's own field messages, from a 422. */
export function serverFieldErrors(error: unknown): FieldErrors {
  return isApiError(error, 422) ? error.fields : {};
}

type FormAlertProps = {
  error: unknown;
  /** Loads the newer version after a 412; the form keeps what was typed. */
  onReload?: () => void;
  /** What changed, in the words of the page ("This deletion request"). */
  subject?: string;
};

/**
 * What a failed save says above its form: a 412 explains that someone else changed the record and
 * offers the newer version; a 422 with field messages says nothing here (they stand by their fields).
 */
export function FormAlert({ error, onReload, subject = 'This request' }: FormAlertProps) {
  if (!error) return null;
  if (isApiError(error, 412)) {
    return (
      <Alert title={`${subject} has changed since you loaded it`}>
        <p>Someone else acted on it meanwhile. Load the newer version, check it, then try again; what you typed stays here.</p>
        {onReload ? (
          <Button className="mt-2" onClick={onReload}>
            Load the newer version
          </Button>
        ) : null}
      </Alert>
    );
  }
  if (isApiError(error, 422) && Object.keys(error.fields).length > 0) return null;
  return <Alert>{isApiError(error) ? error.message : 'Saving failed. Please try again.'}</Alert>;
}
