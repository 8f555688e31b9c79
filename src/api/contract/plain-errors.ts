import type { z } from 'zod';

const isEmpty = (input: unknown) => input === undefined || input === null || input === '';

const formatMessages: Readonly<Record<string, string>> = {
  url: 'Enter a full web address, such as https://example.com',
  date: 'Enter a date',
  datetime: 'Enter a date and time',
  email: 'Enter an email address, such as name@example.com',
};

/**
 * zod's own messages ("Too small: expected string to have >=1 characters") as a person would say them: the
 * one mapping from the contract's checks to the sentences people read. Passed to every parse of a request
 * body or query on the server (src/api/http/parse.ts) and of a form in the browser (src/lib/contract-form.ts,
 * the sign-in form), with `plainParse` or `schema.safeParse(values, { error: plainErrors })`; a message the
 * contract's schema words itself ('Required', 'Use a two-letter country code') comes first and is kept.
 * Every issue kind gets a sentence, so zod's own wording never reaches a page.
 */
export const plainErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (isEmpty(issue.input)) return issue.expected === 'array' ? 'Choose at least one' : 'Required';
      if (issue.expected === 'number' || issue.expected === 'int') {
        return typeof issue.input === 'number' && !Number.isNaN(issue.input) ? 'Enter a whole number' : 'Enter a number';
      }
      return 'Enter a valid value';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Required' : `Use at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at least ${issue.minimum}`;
      return issue.inclusive === false ? `Enter more than ${issue.minimum}` : `Enter ${issue.minimum} or more`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at most ${issue.maximum}`;
      return issue.inclusive === false ? `Enter less than ${issue.maximum}` : `Enter ${issue.maximum} or less`;
    case 'invalid_format':
      return formatMessages[issue.format] ?? 'Check the format of this field';
    case 'invalid_value':
    case 'invalid_union':
      return 'Choose one of the options';
    case 'not_multiple_of':
      return `Enter a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'This form sent a field the server does not know';
    case 'invalid_key':
    case 'invalid_element':
      return 'Enter a valid value';
    case 'custom':
    default:
      return 'Check this field';
  }
};

/**
 * The first plain message per field of a failed parse, keyed by the field's dotted path (`dpa.signedOn`),
 * as the API's 422 `fields` and the forms' summaries name them. An issue about the value as a whole is `root`'s.
 */
export function plainMessages(error: z.ZodError, root = 'root'): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || root;
    found[path] ??= issue.message;
  }
  return found;
}

/** Parses with the plain messages: `{ success: false, fields }` carries them by field. */
export function plainParse<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { success: true; data: z.output<S> } | { success: false; fields: Record<string, string> } {
  const result = schema.safeParse(value, { error: plainErrors });
  return result.success ? { success: true, data: result.data } : { success: false, fields: plainMessages(result.error) };
}
