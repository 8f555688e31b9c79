import type { z } from 'zod';

const isEmpty = (input: unknown) => input === undefined || input === null || input === '';

const formatMessages: Readonly<Record<string, string>> = {
  url: 'Enter a full web address, such as https://example.com',
  date: 'Enter a date',
  datetime: 'Enter a date and time',
  email: 'Enter an email address, such as name@example.com',
};

/**
 * zod's own messages ("Too small: expected string to have >=1 characters") as a person would say them.
 * Passed to every parse of a request body or query on the server and of a form in the browser (`schema.safeParse(values, { error: plainErrors })`); a message the
 * contract's schema words itself ('Required', 'Use a two-letter country code') comes first and is kept.
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
    case 'unrecognized_keys':
      return 'This form sent a field the server does not know';
    default:
      return undefined;
  }
};
