import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Code } from "aws-cdk-lib/aws-lambda";

/** The bundles `@onboarding/lambda-entry` builds; each exports `handler`. */
export const BUNDLE_NAMES = ["intake", "license-validation-worker", "review-api", "retention-job"] as const;
export type BundleName = (typeof BUNDLE_NAMES)[number];

/** `packages/lambda-entry/dist`, where `pnpm --filter @onboarding/lambda-entry build` writes the bundles. */
export const DEFAULT_BUNDLE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "lambda-entry",
  "dist",
);

/** A static or dynamic import of a sibling file: the bundle would need files its zip does not hold. */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']\.{1,2}\//;

/**
 * The Lambda code of one bundle: the asset directory with every other file excluded, so each
 * function's zip (and asset hash) holds only its own `<name>.mjs`. Source maps stay out: nothing
 * sets `--enable-source-maps` (not in lambda-entry's `.env.example`), so they would be dead weight.
 * Fails at synth, with the command to run, when the bundle is missing or not self-contained
 * (a shared chunk next to it would be left out of the zip and fail at cold start).
 */
export function bundleCode(bundleDir: string, name: BundleName): Code {
  const file = join(bundleDir, `${name}.mjs`);
  if (!existsSync(file)) {
    throw new Error(
      `Lambda bundle ${file} not found: run \`pnpm --filter @onboarding/lambda-entry build\` (or \`pnpm synth\` at the root)`,
    );
  }
  if (RELATIVE_IMPORT.test(readFileSync(file, "utf8"))) {
    throw new Error(`Lambda bundle ${file} imports a sibling file: bundle it as one self-contained file`);
  }
  return Code.fromAsset(bundleDir, { exclude: ["*", `!${name}.mjs`] });
}
