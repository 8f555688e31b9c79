import type { z } from 'zod';

import type { FieldMessages } from './api-client';

/** The first message per field of a failed parse, keyed by the field's dotted path. */
export function issueMessages(error: z.ZodError): FieldMessages {
  const found: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    found[path] ??= issue.message;
  }
  return found;
}

/**
 * The label a reader sees for each field path. `#` stands for a row's number, counted from 1:
 * `{ 'purposes.#.purpose': 'Purpose #' }` names `purposes.1.purpose` "Purpose 2".
 */
export function fieldLabels(labels: Readonly<Record<string, string>>): (path: string) => string | undefined {
  return (path) => {
    const rows: number[] = [];
    const pattern = path
      .split('.')
      .map((part) => {
        if (!/^\d+$/.test(part)) return part;
        rows.push(Number(part) + 1);
        return '#';
      })
      .join('.');
    const label = labels[pattern];
    if (label === undefined) return undefined;
    let row = 0;
    return label.replace(/#/g, () => String(rows[row++] ?? ''));
  };
}
