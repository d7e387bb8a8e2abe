/**
 * Lambda bundles: the size of each handler's bundle and the time a fresh Node process takes to
 * load it (what a cold start pays before the first line of the handler runs), against a bare
 * `node -e ""` and the six SDK clients loaded unbundled from node_modules, measured in the same run.
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
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

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
const candidates: Candidate[] = [
  { name: "bare node", script: "" },
  ...bundles,
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
console.log("");
console.log(
  "Reference points on this kind of machine: six SDK v3 clients bundled (ESM, minified) ≈ 570 KB and ≈ 70 ms " +
    "of load beyond bare Node; unbundled ≈ 150 ms.",
);
