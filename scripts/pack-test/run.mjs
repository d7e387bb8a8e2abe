#!/usr/bin/env node
// Outside-in test of the published packages: `pnpm pack` each publishable package, install the
// tarballs with npm into a fresh project outside the workspace, and use them the way a stranger
// would — ESM and CJS imports, a TypeScript consumer under node16 and bundler resolution, one
// submission end to end, sample zips from `@onboarding/core/samples`, and the installed `onboard`
// bin. Prints one line per check and exits 1 if any failed. Needs the packages built
// (`pnpm test:package` builds them first).
//
//   PACK_TEST_KEEP=1   keep the temporary directory (its path is printed)
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const consumerSources = fileURLToPath(new URL("./consumer", import.meta.url));

/** The packages a stranger can install. `@onboarding/lambda-entry` and `@onboarding/infra` are private. */
const PUBLISHABLE = ["core", "in-memory-adapters", "aws-adapters", "local-adapters", "cli"];
/** Third-party packages the consumer itself uses (pinned like the workspace's). */
const CONSUMER_DEPS = ["typescript@5.9.3", "@types/node@20.19.43", "vitest@4.1.12"];

const started = Date.now();
const results = [];
const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

function check(name, fn) {
  const t0 = Date.now();
  try {
    const detail = fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${elapsed(t0)})${detail ? `: ${detail}` : ""}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(
      `  ✘ ${name} (${elapsed(t0)})\n${indent(error instanceof Error ? error.message : String(error))}`,
    );
  }
}

const indent = (text) =>
  text
    .trim()
    .split("\n")
    .slice(0, 40)
    .map((line) => `      ${line}`)
    .join("\n");

/** Runs a command; throws with its output when it exits non-zero. Returns stdout. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.status}\n${result.stdout ?? ""}\n${result.stderr ?? ""}`,
    );
  return result.stdout;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const work = mkdtempSync(join(tmpdir(), "onboarding-pack-test-"));
const tarballs = join(work, "tarballs");
const app = join(work, "consumer");
mkdirSync(tarballs);

console.log(`pack-test: packing ${PUBLISHABLE.length} packages into ${work}`);
const tarballOf = {};
for (const dir of PUBLISHABLE) {
  const pkgDir = join(root, "packages", dir);
  const { name } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  check(`pnpm pack ${name}`, () => {
    assert(existsSync(join(pkgDir, "dist")), `${pkgDir}/dist is missing: build first (pnpm build)`);
    const before = new Set(readdirSync(tarballs));
    run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: pkgDir });
    const file = readdirSync(tarballs).find((f) => !before.has(f));
    assert(file, "pnpm pack wrote no tarball");
    tarballOf[name] = join(tarballs, file);
    const listing = run("tar", ["-tzf", tarballOf[name]]).split("\n");
    for (const required of ["package/package.json", "package/README.md", "package/LICENSE"])
      assert(listing.includes(required), `${required} is not in the tarball`);
    assert(!listing.some((f) => f.startsWith("package/src/")), "the tarball ships src/");
    const manifest = run("tar", ["-xzOf", tarballOf[name], "package/package.json"]);
    assert(!manifest.includes("workspace:"), "the packed package.json still has a workspace: range");
    return `${file}, ${listing.filter(Boolean).length} files`;
  });
}
if (results.some((r) => !r.ok)) finish();

// A fresh project that knows nothing of the workspace: its own package.json, npm, the registry
// for third-party dependencies, our packages only from the tarballs.
mkdirSync(app);
cpSync(consumerSources, app, { recursive: true });
writeFileSync(
  join(app, "package.json"),
  `${JSON.stringify({ name: "onboarding-consumer", private: true, version: "0.0.0" }, null, 2)}\n`,
);
check("npm install the tarballs into a fresh project", () => {
  run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=error",
      ...Object.values(tarballOf),
      ...CONSUMER_DEPS,
    ],
    { cwd: app, env: { ...process.env, npm_config_workspaces: undefined } },
  );
  // Every @onboarding package must come from a tarball, never from the registry.
  const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8"));
  const ours = Object.entries(lock.packages).filter(([path]) => path.includes("node_modules/@onboarding/"));
  assert(
    ours.length === PUBLISHABLE.length,
    `expected ${PUBLISHABLE.length} @onboarding packages, got ${ours.map(([p]) => p).join(", ")}`,
  );
  for (const [path, entry] of ours)
    assert(
      entry.resolved?.startsWith("file:"),
      `${path} resolved from ${entry.resolved}, not from a tarball (nested copy?)`,
    );
  const peers = [
    "client-s3",
    "client-dynamodb",
    "lib-dynamodb",
    "client-rekognition",
    "client-textract",
    "client-sqs",
    "client-sns",
  ];
  for (const peer of peers)
    assert(existsSync(join(app, "node_modules/@aws-sdk", peer)), `peer @aws-sdk/${peer} was not installed`);
  return `${Object.keys(lock.packages).length - 1} packages in node_modules`;
});

if (results.some((r) => !r.ok)) finish();

const node = (args) => run(process.execPath, args, { cwd: app });

check("ESM: import every entry point", () => node(["esm-imports.mjs"]).trim());
check("CJS: require every entry point", () => node(["cjs-requires.cjs"]).trim());
check("TypeScript consumer, moduleResolution node16 (ESM and CJS files)", () => {
  run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.node16.json"], {
    cwd: app,
  });
});
check("TypeScript consumer, moduleResolution bundler", () => {
  run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.bundler.json"], {
    cwd: app,
  });
});
check("a submission through @onboarding/core + @onboarding/in-memory-adapters", () =>
  node(["submission.mjs"]).trim(),
);
// @onboarding/core/samples is a runtime entry (the CLI generates its demo submissions with it):
// from either module system, the zip it writes is one the published intake accepts.
check("@onboarding/core/samples from ESM: a zip that readSubmission accepts", () =>
  node(["samples.mjs"]).trim(),
);
check("@onboarding/core/samples from CJS: a zip that readSubmission accepts, without vitest", () =>
  node(["samples.cjs"]).trim(),
);

// The README of each installed package: every ```js block marked `<!-- pack-test: run, expect "…" -->`
// runs as written, and its output must contain the expected text. What a stranger copies works.
const README_EXAMPLE = /<!-- pack-test: run, expect "([^"]*)" -->\s*```js\n([\s\S]*?)```/g;
for (const dir of PUBLISHABLE) {
  const name = `@onboarding/${dir}`;
  const readme = readFileSync(join(app, "node_modules", name, "README.md"), "utf8");
  const examples = [...readme.matchAll(README_EXAMPLE)];
  if (dir !== "cli")
    check(`${name} README has a runnable example`, () => assert(examples.length > 0, "no marked example"));
  for (const [index, [, expected, code]] of examples.entries())
    check(`${name} README example ${index + 1} runs`, () => {
      const file = `readme-${dir}-${index + 1}.mjs`;
      writeFileSync(join(app, file), code);
      const output = node([file]);
      assert(output.includes(expected), `output does not contain "${expected}":\n${output}`);
      return output.trim().split("\n")[0];
    });
}

const onboard = (args) => run("npx", ["--no-install", "onboard", ...args], { cwd: app });
check("npx onboard --version", () => {
  const { version } = JSON.parse(
    readFileSync(join(app, "node_modules/@onboarding/cli/package.json"), "utf8"),
  );
  const printed = onboard(["--version"]).trim();
  assert(printed === version, `printed '${printed}', expected '${version}'`);
  return printed;
});
check("onboard process <zip> --engines scripted --json", () => {
  node(["write-submission-zip.mjs", "submission.zip"]);
  const report = JSON.parse(onboard(["process", "submission.zip", "--engines", "scripted", "--json"]));
  // Nothing scripted: the engines answer UNAVAILABLE and the CLI never makes up a pass.
  assert(report.status === "MANUAL_REVIEW", `status ${report.status}, expected MANUAL_REVIEW`);
  return `${report.status} (${report.reasons.map((r) => r.code).join(", ")})`;
});

finish();

function finish() {
  const failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  if (process.env.PACK_TEST_KEEP) console.log(`pack-test: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(`\npack-test: ${failed === 0 ? "PASS" : "FAIL"} in ${elapsed(started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
