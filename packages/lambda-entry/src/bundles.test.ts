import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const HANDLERS = ["intake", "license-validation-worker", "review-api", "retention-job"] as const;

/**
 * `.env.example` as an environment, on top of nothing but PATH, with the customer reference key
 * of local runs instead of its secret (no network here: intake reads the secret at cold start).
 */
const exampleEnv = (): Record<string, string> => {
  const { CUSTOMER_REF_KEY_SECRET_ARN: _secret, ...env } = fileEnv();
  return { ...env, CUSTOMER_REF_KEY: "bundle-test-customer-reference-key-0123456789" };
};

const fileEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  ...Object.fromEntries(
    readFileSync(join(PACKAGE, ".env.example"), "utf8")
      .split("\n")
      .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  ),
});

/** Imports a bundle in a fresh Node process and prints the type of its `handler` export. */
const load = (file: string, env: Record<string, string>) =>
  spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(typeof m.handler);`,
    ],
    { env, encoding: "utf8", timeout: 15_000 },
  );

describe("the Lambda bundles", () => {
  // Built afresh into a temporary directory, so the test never reads a stale dist/.
  const outdir = mkdtempSync(join(tmpdir(), "lambda-entry-bundles-"));
  beforeAll(() => {
    execFileSync(process.execPath, [join(PACKAGE, "scripts/build.mjs"), "--outdir", outdir], {
      stdio: "pipe",
    });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(HANDLERS)(
    "%s.mjs loads with the .env.example variables and exports a function named handler",
    (name) => {
      const result = load(join(outdir, `${name}.mjs`), exampleEnv());

      expect(result.stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*$/, "")).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe("function");
      expect(existsSync(join(outdir, `meta-${name}.json`))).toBe(true);
    },
  );

  it.each(HANDLERS)("%s.mjs fails its cold start with one message naming a missing variable", (name) => {
    const { APPLICATIONS_TABLE: _missing, ...env } = exampleEnv();

    const result = load(join(outdir, `${name}.mjs`), env);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("configuration invalid: APPLICATIONS_TABLE is required");
  });

  it("bundles only the SDK clients each handler uses", () => {
    const clientsIn = (name: string) => {
      const meta = JSON.parse(readFileSync(join(outdir, `meta-${name}.json`), "utf8")) as {
        outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
      };
      // What esbuild kept in the bundle (the top-level `inputs` also lists what it shook out).
      const kept = Object.values(meta.outputs)
        .filter((o) => o.entryPoint !== undefined)
        .flatMap((o) =>
          Object.entries(o.inputs)
            .filter(([, i]) => i.bytesInOutput > 0)
            .map(([path]) => path),
        );
      const clients = kept.flatMap((path) => /@aws-sdk\/client-([a-z0-9-]+)\//.exec(path)?.[1] ?? []);
      return [...new Set(clients)].sort();
    };

    expect(clientsIn("intake")).toEqual([
      "dynamodb",
      "rekognition",
      "s3",
      "secrets-manager",
      "sns",
      "sqs",
      "textract",
    ]);
    expect(clientsIn("license-validation-worker")).toEqual(["dynamodb", "sns", "sqs"]);
    expect(clientsIn("review-api")).toEqual(["dynamodb", "s3", "sns", "sqs"]);
    expect(clientsIn("retention-job")).toEqual(["dynamodb", "s3"]);
  });
});
