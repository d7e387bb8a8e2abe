/** Display width of a string: code points, with ANSI colour sequences not counted. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const width = (text: string): number => [...text.replace(/\u001b\[[0-9;]*m/g, "")].length;

const pad = (text: string, to: number): string => text + " ".repeat(Math.max(0, to - width(text)));

/**
 * A plain-text table: a header row, a rule, then the rows, columns padded to their widest cell.
 * A cell with newlines spans several lines. The last column is not padded, so long text there
 * pushes no trailing spaces.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  indent = "  ",
): string[] {
  const cellLines = rows.map((row) => headers.map((_, i) => (row[i] ?? "").split("\n")));
  const widths = headers.map((h, i) =>
    Math.max(width(h), ...cellLines.flatMap((row) => (row[i] ?? []).map(width))),
  );
  const line = (cells: readonly string[]) =>
    (
      indent + cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i] ?? 0))).join("  ")
    ).trimEnd();
  const out = [line(headers), line(widths.map((w) => "─".repeat(w)))];
  for (const row of cellLines) {
    const height = Math.max(...row.map((c) => c.length));
    for (let l = 0; l < height; l += 1) out.push(line(row.map((c) => c[l] ?? "")));
  }
  return out;
}
