// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"), with
// their full-width forms, which some locales of Excel convert to the ASCII ones.
const FORMULA_START = /^[\s]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell for a spreadsheet-bound export: a value that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or CR, even after spaces) is prefixed with `'`, then the
 * cell is quoted RFC 4180 style when it holds a comma, quote or line break. Stored data keeps the
 * raw value; only exports escape, so `-` in "-Smith" or `+1 555…` survives in the record.
 *
 * @example
 * toCsvCell("=HYPERLINK(\"http://evil\")"); // "\"'=HYPERLINK(\"\"http://evil\"\")\""
 * toCsvCell("Garcia"); // "Garcia"
 */
export const toCsvCell = (value: string): string => {
  const neutralised = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(neutralised) ? `"${neutralised.replaceAll('"', '""')}"` : neutralised;
};

/**
 * One CSV row (no line terminator) of cells escaped with `toCsvCell`. Join rows with `\r\n`.
 *
 * @example
 * [toCsvRow(["name", "note"]), toCsvRow(["Maria", "+1 555"])].join("\r\n");
 */
export const toCsvRow = (values: readonly string[]): string => values.map(toCsvCell).join(",");
