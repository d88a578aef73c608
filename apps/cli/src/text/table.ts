import stringWidth from 'string-width';

export type Align = 'left' | 'right';

/** Pads to a width in terminal columns: a Chinese character takes two, so `padEnd` would not do. */
export function pad(text: string, width: number, align: Align = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Rows as columns that line up on a terminal whatever mix of Chinese and ASCII they hold: each
 * column as wide as its widest cell (in display columns), two spaces between columns, the last
 * column left ragged when left-aligned.
 */
export function renderTable(
  rows: readonly (readonly string[])[],
  o: { align?: readonly Align[]; indent?: string } = {},
): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell))));
  return rows.map(
    (row) =>
      (o.indent ?? '') +
      row
        .map((cell, i) => {
          const align = o.align?.[i] ?? 'left';
          return i === row.length - 1 && align === 'left' ? cell : pad(cell, widths[i], align);
        })
        .join('  '),
  );
}
