import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `require` for this package's dependencies, resolved from this file (ESM and the CJS build alike).
 * Loading tfjs and face-api through one `require` keeps a single tfjs instance: face-api's node-wasm
 * build `require`s tfjs, and an ESM `import` would load a second copy with no backend registered.
 */
export const requireLocal = createRequire(import.meta.url);

/** A dependency's folder (from its `package.json`), so its shipped files are read from disk. */
export const dependencyDir = (name: string): string =>
  path.dirname(requireLocal.resolve(`${name}/package.json`));

let root: string | undefined;

/** This package's root folder (where `assets/` and `fixtures/` are), from `src/` or `dist/`. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
      if (name === "@onboarding/local-adapters") {
        root = dir;
        return dir;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("@onboarding/local-adapters: package root not found");
    dir = parent;
  }
}
