import type { Style } from "./style.js";

/** Where a command writes, and how: injected so commands run in-process in tests. */
export interface Io {
  /** Writes one line (a newline is added) to standard output. */
  readonly out: (line: string) => void;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
  readonly style: Style;
}
