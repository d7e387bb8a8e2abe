import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Builds `dist/onboard.js` once before the suite, so the child-process tests run exactly what
 * users run even when `test` is invoked without `build` (turbo's `test` only builds dependencies).
 */
export default function setup(): void {
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  execFileSync("pnpm", ["exec", "tsup", "--silent"], { cwd, stdio: ["ignore", "ignore", "inherit"] });
}
