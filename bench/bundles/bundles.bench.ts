/**
 * Lambda bundles: the size of each handler's bundle and the time a fresh Node process takes to
 * load it (what a cold start pays before the first line of the handler runs), against references
 * measured in the same run: a bare `node -e ""`, the six SDK clients intake uses bundled alone
 * (ESM, minified, module-first: the issue's reference point, built here with the same esbuild) and
 * the same six loaded unbundled from node_modules.
 *
 *   pnpm --filter @onboarding/lambda-entry build && pnpm --filter @onboarding/bench run bundles
 *
 * Each load is a fresh `node --input-type=module -e "await import('…')"` with the variables of
 * `packages/lambda-entry/.env.example` set (the module parses them and builds its clients at load);
 * runs alternate between the candidates so drift hits them alike. Figures are medians of
 * BENCH_RUNS runs (default 11). "extra" is the median minus bare Node's median.
 * Goal: intake bundle ≤ 600 KB and ≤ 80 ms of extra load.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { BUNDLE_SETTINGS } from "../../packages/lambda-entry/scripts/bundling.mjs";

const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 11));
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "../../packages/lambda-entry");
const DIST = join(PACKAGE, "dist");
const GOAL = { intake: { kb: 600, extraMs: 80 } } as const;
const KB = 1000;

/** `.env.example` as an environment: `NAME=value` lines, comments and blanks skipped. */
function envExample(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(PACKAGE, ".env.example"), "utf8").split("\n")) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined) env[match[1]] = match[2] ?? "";
  }
  return env;
}

interface Candidate {
  readonly name: string;
  readonly script: string;
  readonly bytes?: number;
}

const bundles = ["intake", "license-validation-worker"].map((name): Candidate => {
  const file = join(DIST, `${name}.mjs`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run pnpm --filter @onboarding/lambda-entry build first`);
  }
  return {
    name,
    script: `await import(${JSON.stringify(pathToFileURL(file).href)})`,
    bytes: statSync(file).size,
  };
});
const SDK_CLIENTS = ["s3", "dynamodb", "rekognition", "textract", "sqs", "sns"];

/**
 * The reference: the six clients alone, each constructed as a handler does at cold start, bundled
 * with the settings of the issue (ESM, minified, `mainFields: module,main`) and nothing else: the
 * SDK's default credential chain and its schema modules as published.
 */
async function sdkReferenceBundle(): Promise<Candidate> {
  const dir = mkdtempSync(join(tmpdir(), "bench-sdk-reference-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const pascal: Record<string, string> = {
    s3: "S3",
    dynamodb: "DynamoDB",
    rekognition: "Rekognition",
    textract: "Textract",
    sqs: "SQS",
    sns: "SNS",
  };
  const entry = join(dir, "entry.mjs");
  writeFileSync(
    entry,
    SDK_CLIENTS.map(
      (c) => `import { ${pascal[c]}Client } from "@aws-sdk/client-${c}"; new ${pascal[c]}Client({});`,
    ).join("\n"),
  );
  const outfile = join(dir, "sdk-clients.mjs");
  await build({
    entryPoints: [entry],
    outfile,
    ...BUNDLE_SETTINGS,
    nodePaths: [join(dirname(fileURLToPath(import.meta.url)), "../node_modules")],
    logLevel: "warning",
  });
  return {
    name: "6 SDK clients, bundled",
    script: `await import(${JSON.stringify(pathToFileURL(outfile).href)})`,
    bytes: statSync(outfile).size,
  };
}

const candidates: Candidate[] = [
  { name: "bare node", script: "" },
  ...bundles,
  await sdkReferenceBundle(),
  {
    name: "6 SDK clients, unbundled",
    script: `await Promise.all(${JSON.stringify(SDK_CLIENTS.map((c) => `@aws-sdk/client-${c}`))}.map((m) => import(m)))`,
  },
];

// In Lambda the intake function reads the customer-reference key from Secrets Manager at cold
// start; there is no Secrets Manager here, so the bench uses the documented local-only key. The
// network round trip is therefore not in these figures.
const { CUSTOMER_REF_KEY_SECRET_ARN: _secret, ...example } = envExample();
const env = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  ...example,
  CUSTOMER_REF_KEY: "local-only-customer-reference-key-0123456789",
  // The SDK's "Node 20 support ends" notice is printed once per process; it is not what is measured.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

function loadOnce(candidate: Candidate): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", candidate.script], {
    cwd: PACKAGE,
    env,
    encoding: "utf8",
  });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`${candidate.name} failed to load: ${run.stderr}`);
  return elapsed;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

for (const candidate of candidates) loadOnce(candidate); // warm the file cache
const times = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
for (let run = 0; run < RUNS; run += 1) {
  for (const candidate of candidates) times.get(candidate.name)?.push(loadOnce(candidate));
}

const bare = median(times.get("bare node") ?? []);
console.log(`Lambda bundles: cold load in a fresh Node ${process.version} process, median of ${RUNS} runs`);
console.log("");
console.log(
  `${"".padEnd(28)}${"size".padStart(10)}${"load".padStart(10)}${"extra".padStart(10)}   goal (intake)`,
);
for (const candidate of candidates) {
  const load = median(times.get(candidate.name) ?? []);
  const extra = load - bare;
  const size = candidate.bytes === undefined ? "—" : `${(candidate.bytes / KB).toFixed(0)} KB`;
  const goal =
    candidate.name === "intake"
      ? `≤ ${GOAL.intake.kb} KB ${candidate.bytes !== undefined && candidate.bytes <= GOAL.intake.kb * KB ? "met" : "MISSED"}, ` +
        `≤ ${GOAL.intake.extraMs} ms ${extra <= GOAL.intake.extraMs ? "met" : "MISSED"}`
      : "";
  console.log(
    `${candidate.name.padEnd(28)}${size.padStart(10)}${`${load.toFixed(0)} ms`.padStart(10)}${
      candidate.name === "bare node" ? "".padStart(10) : `${extra.toFixed(0)} ms`.padStart(10)
    }   ${goal}`,
  );
}
const reference = candidates.find((c) => c.name === "6 SDK clients, bundled");
const intake = candidates.find((c) => c.name === "intake");
const extraOf = (name: string) => median(times.get(name) ?? []) - bare;
console.log("");
console.log(
  `intake against the six clients bundled alone: ${(((intake?.bytes ?? 0) / (reference?.bytes ?? 1)) * 100).toFixed(0)}% ` +
    `of their size, ${((extraOf("intake") / extraOf("6 SDK clients, bundled")) * 100).toFixed(0)}% of their extra load ` +
    "(the issue's reference on this kind of machine: ≈ 570 KB, ≈ 70 ms; unbundled ≈ 150 ms).",
);
