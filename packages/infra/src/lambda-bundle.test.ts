import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleCode } from "./lambda-bundle.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "onboarding-bundle-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("bundleCode", () => {
  it("refuses a missing bundle and says how to build it", () => {
    expect(() => bundleCode(dir, "intake")).toThrow(
      /intake\.mjs not found: run `pnpm --filter @onboarding\/lambda-entry build`/,
    );
  });

  it("refuses a bundle that imports a sibling chunk the zip would not hold", () => {
    writeFileSync(
      join(dir, "intake.mjs"),
      'import { a } from "./chunk-ABC.mjs";\nexport const handler = a;\n',
    );
    expect(() => bundleCode(dir, "intake")).toThrow(/imports a sibling file/);
    writeFileSync(join(dir, "intake.mjs"), 'export const handler = () => import("./chunk-ABC.mjs");\n');
    expect(() => bundleCode(dir, "intake")).toThrow(/imports a sibling file/);
  });

  it("accepts a self-contained bundle that imports packages and node: builtins", () => {
    writeFileSync(
      join(dir, "license-validation-worker.mjs"),
      'import { createHash } from "node:crypto";\nimport x from "@aws-sdk/client-sqs";\nexport const handler = () => [createHash, x];\n',
    );
    expect(() => bundleCode(dir, "license-validation-worker")).not.toThrow();
  });
});
