/** Text styling: ANSI colours on a terminal, plain text otherwise (pipes, files, CI logs). */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly warn: (text: string) => string;
}

const plain = (text: string) => text;
const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const PLAIN: Style = { bold: plain, dim: plain, good: plain, bad: plain, warn: plain };
export const ANSI: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  good: sgr(32, 39),
  bad: sgr(31, 39),
  warn: sgr(33, 39),
};

/**
 * Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org);
 * `FORCE_COLOR` (non-empty, not `0`) forces it on.
 */
export function styleFor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return PLAIN;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0") return ANSI;
  return isTTY ? ANSI : PLAIN;
}
