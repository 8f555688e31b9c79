import { zodResolver } from '@hookform/resolvers/zod';
import type { BaseSyntheticEvent } from 'react';
import { useCallback, useEffect, useState } from 'react';
import type { FieldError, FieldErrors, FieldValues, Path, UseFormProps, UseFormReturn } from 'react-hook-form';
import { useForm } from 'react-hook-form';
import { useLocation } from 'react-router';
import type { z } from 'zod';
import type { FieldMessages } from './api-client';
import { apiFieldMessages } from './api-client';
import { plainErrors } from '@/api/contract/plain-errors';
import { draftClosed, draftOpened, dropDraft, readDraft, writeDraft } from './form-drafts';

const isFieldError = (node: unknown): node is FieldError =>
  typeof node === 'object' && node !== null && typeof (node as { type?: unknown }).type === 'string';

/**
 * react-hook-form's nested errors as dotted paths: `{ purposes: [, { purpose }] }` -> `purposes.1.purpose`.
 * An error on a list as a whole (`purposes.root`, "Add at least one purpose") is the list's own.
 */
export function flattenErrors(errors: FieldErrors): FieldMessages {
  const found: Record<string, string> = {};
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null) return;
    if (isFieldError(node)) {
      if (node.message) found[path || 'root'] ??= node.message;
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'ref') continue;
      walk(child, key === 'root' ? path : path ? `${path}.${key}` : key);
    }
  };
  walk(errors, '');
  return found;
}

type ContractFormOptions<S extends z.ZodType<FieldValues, FieldValues>> = Omit<
  UseFormProps<z.input<S>, unknown, z.output<S>>,
  'resolver' | 'shouldFocusError'
> & {
  /** The contract's schema of the body: the form's check, with the same messages as the API's. */
  schema: S;
  /** Sends the checked body. A rejection is the API's answer: its field messages go to their fields. */
  onSubmit: (body: z.output<S>) => Promise<unknown>;
  /**
   * What was typed is kept as a draft of this page's form (a reload or a session's end loses nothing).
   * Name the form where one page has several of the same fields (a row's id); `false` for none.
   */
  draft?: string | false;
};

/** The draft's key: the page (the record is in its path), the form's fields, and the name it was given. */
function draftKey(pathname: string, fields: object | undefined, name: string | undefined): string {
  return [
    pathname,
    Object.keys(fields ?? {})
      .sort()
      .join(','),
    name ?? '',
  ].join('|');
}

/** What the error summary shows: spread into `<FormErrors>`. */
type FormSummary = {
  errors: FieldMessages;
  /** The failed save (412, 409, a network failure...), until the next attempt. */
  failure: unknown;
  /** Counts failed attempts, so the summary takes focus after each. */
  attempt: number;
  onSelect: (path: string) => void;
};

export type ContractForm<S extends z.ZodType<FieldValues, FieldValues>> = UseFormReturn<z.input<S>, unknown, z.output<S>> & {
  /** The form's onSubmit. */
  submit: (event?: BaseSyntheticEvent) => Promise<void>;
  summary: FormSummary;
  /** Shows a save's failure that happened outside `onSubmit` (after a confirmation, say) as `onSubmit`'s would be. */
  fail: (error: unknown) => void;
  /** Forgets the failed save, e.g. once the newer version is loaded after a 412. */
  clearFailure: () => void;
};

/**
 * One form over one of the contract's schemas: the schema is the resolver (with plain-words messages),
 * a 422 puts the API's messages on the fields they name, and what was typed is never lost. Focus goes to
 * the error summary after a failed attempt, not to the first field, so the reader hears all that failed.
 */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>({
  schema,
  onSubmit,
  draft,
  ...props
}: ContractFormOptions<S>): ContractForm<S> {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    ...props,
    resolver: zodResolver(schema, { error: plainErrors }),
    shouldFocusError: false,
  });
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const { handleSubmit, setError, setFocus, reset, watch } = form;

  // A form that follows loaded values (`values`) shows the record as it is now, so it keeps no draft.
  const { pathname } = useLocation();
  const key = draft === false || props.values !== undefined ? null : draftKey(pathname, props.defaultValues, draft);
  useEffect(() => {
    if (key === null) return undefined;
    draftOpened(key);
    const kept = readDraft(key);
    // Over the defaults, which stay the defaults: the restored values count as typed (unsaved) changes.
    if (kept) reset((values) => ({ ...values, ...kept }), { keepDefaultValues: true });
    const subscription = watch((values) => writeDraft(key, values));
    return () => {
      subscription.unsubscribe();
      draftClosed(key);
    };
  }, [key, reset, watch]);

  const fail = useCallback(
    (error: unknown) => {
      for (const [path, message] of Object.entries(apiFieldMessages(error))) {
        // The API names fields by the same dotted paths as the form: `purposes.0.purpose`.
        setError(path as Path<z.input<S>>, { type: 'server', message });
      }
      setFailure(error);
      setAttempt((n) => n + 1);
    },
    [setError],
  );
  const submit = handleSubmit(
    async (body) => {
      setFailure(null);
      try {
        await onSubmit(body);
        if (key !== null) dropDraft(key);
      } catch (error) {
        fail(error);
      }
    },
    () => {
      setFailure(null);
      setAttempt((n) => n + 1);
    },
  );
  const onSelect = useCallback((path: string) => setFocus(path as Path<z.input<S>>), [setFocus]);
  const clearFailure = useCallback(() => setFailure(null), []);
  const errors = flattenErrors(form.formState.errors);

  return { ...form, submit, fail, summary: { errors, failure, attempt, onSelect }, clearFailure };
}
