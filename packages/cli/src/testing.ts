import type { Io } from "./io.js";
import { PLAIN } from "./style.js";

/** An `Io` that records what a command writes, for in-process tests. */
export function captureIo(): { io: Io; out: string[]; err: string[]; stdout: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (line) => out.push(line), err: (line) => err.push(line), style: PLAIN },
    out,
    err,
    stdout: () => out.join("\n"),
  };
}
