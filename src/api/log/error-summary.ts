/**
 * What of an error may go to a log line: its kind, its code and where it was thrown, never its message.
 * Messages carry values (a database error names the key that clashed, `Key (email)=(ada@example.com)`,
 * or quotes the JSON it could not store), so the message and every free-text property are left out;
 * identifiers of things (a constraint, a table, a column, a SQLSTATE) are kept, as they are not personal.
 */
export type ErrorSummary = {
  type: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  /** The stack's frames, without its first line (which repeats the message). */
  frames?: string[];
};

const identifier = /^[A-Za-z0-9_.$-]{1,80}$/;

export function errorSummary(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { type: typeof error };
  const summary: ErrorSummary = { type: error.name || 'Error' };
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ['code', 'constraint', 'table', 'column', 'routine'] as const) {
    const value = fields[key];
    if (typeof value === 'string' && identifier.test(value)) summary[key] = value;
  }
  const frames = error.stack
    ?.split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 12);
  if (frames?.length) summary.frames = frames;
  return summary;
}
