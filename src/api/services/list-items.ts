/**
 * The fields of `record` that a list item's schema names (issue 21: a list answers what it shows): the schema's
 * `.pick()` is the one list of them. Keys the item computes (its actions, a flag) the caller adds after.
 */
export function listedFields<Shape extends object, Source extends object>(
  shape: Shape,
  record: Source,
): Pick<Source, Extract<keyof Shape, keyof Source>> {
  const fields: Partial<Record<keyof Source, unknown>> = {};
  for (const key of Object.keys(shape)) if (key in record) fields[key as keyof Source] = record[key as keyof Source];
  return fields as Pick<Source, Extract<keyof Shape, keyof Source>>;
}
