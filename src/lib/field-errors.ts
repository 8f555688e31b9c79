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
