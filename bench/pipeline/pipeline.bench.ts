/**
 * The pipeline benchmark: `processSubmission` end to end on in-memory adapters that wait as long
 * as the AWS services they stand for, against the critical path of the same latency table,
 * computed and measured (a chain of sleeps with the same delays) in the same run.
 *
 * Run: `pnpm --filter @onboarding/bench run pipeline` (BENCH_RUNS, BENCH_CONCURRENCY to change sizes).
 */
import { performance } from "node:perf_hooks";
import { type ApplicationView, processSubmission } from "@onboarding/core";
import { createInMemoryPorts, FixedClock, type InMemoryPorts } from "@onboarding/in-memory-adapters";
import { cleanSubmission, EXTRACTED } from "./submission.js";

/** Per-call latency of each service, in ms: typical same-region figures for small payloads. */
const LATENCY = {
  documentStore: 150, // S3 GetObject / PutObject
  customerRepo: 10, // DynamoDB GetItem / PutItem (conditional)
  faceMatcher: 600, // Rekognition CompareFaces
  idExtractor: 1500, // Textract AnalyzeID
  validationQueue: 20, // SQS SendMessage
  notifier: 30, // SNS Publish
} as const;
type Service = keyof typeof LATENCY;

const SERVICE_NAME: Record<Service, string> = {
  documentStore: "S3",
  customerRepo: "DynamoDB",
  faceMatcher: "Rekognition",
  idExtractor: "Textract",
  validationQueue: "SQS",
  notifier: "SNS",
};

/**
 * The calls that truly depend on each other, for a new clean-match upload, read from
 * `core/src/onboarding/process-submission.ts` and `outbox.ts`. Stages run one after the other;
 * the branches of one stage need nothing from each other and run concurrently; the calls of one
 * branch depend on each other (a resubmission is looked up before the record is created).
 */
const CRITICAL_PATH: readonly {
  readonly step: string;
  readonly branches: readonly (readonly Service[])[];
}[] = [
  { step: "look the application up", branches: [["customerRepo"]] },
  { step: "read the upload", branches: [["documentStore"]] },
  {
    step: "find resubmission → create ∥ store 3 docs",
    branches: [["customerRepo", "customerRepo"], ["documentStore"], ["documentStore"], ["documentStore"]],
  },
  { step: "compare faces ∥ read the license", branches: [["faceMatcher"], ["idExtractor"]] },
  { step: "save the checks and the outbox", branches: [["customerRepo"]] },
  { step: "request validation ∥ notify ×2", branches: [["validationQueue"], ["notifier"], ["notifier"]] },
  { step: "save the outbox as sent", branches: [["customerRepo"]] },
];

const stageMs = (branches: readonly (readonly Service[])[]) =>
  Math.max(...branches.map((chain) => chain.reduce((sum, s) => sum + LATENCY[s], 0)));
const COMPUTED_MS = CRITICAL_PATH.reduce((sum, stage) => sum + stageMs(stage.branches), 0);
const GOAL = 1.05;

const RUNS = positiveInt(process.env.BENCH_RUNS, 5);
const CONCURRENCY = positiveInt(process.env.BENCH_CONCURRENCY, 10);

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

// ─── Instrumented ports ────────────────────────────────────────────────────────────────────────

interface Span {
  readonly service: Service;
  readonly method: string;
  readonly start: number;
  end: number;
}

/** Wraps every port method to record when each call started and ended. */
function instrument(ports: InMemoryPorts, spans: Span[]): InMemoryPorts {
  const wrap = <T extends object>(service: Service, target: T): T =>
    new Proxy(target, {
      get(obj, key) {
        const value = Reflect.get(obj, key, obj);
        if (typeof value !== "function") return value;
        // `putUpload` is the customer's upload, done before the event: not part of the pipeline.
        if (key === "putUpload") return value.bind(obj);
        return async (...args: unknown[]) => {
          const span: Span = { service, method: String(key), start: performance.now(), end: Number.NaN };
          spans.push(span);
          try {
            // Called on the adapter itself, not the proxy: the adapters keep #private state.
            return await value.apply(obj, args);
          } finally {
            span.end = performance.now();
          }
        };
      },
    });
  return {
    ...ports,
    documentStore: wrap("documentStore", ports.documentStore),
    customerRepo: wrap("customerRepo", ports.customerRepo),
    faceMatcher: wrap("faceMatcher", ports.faceMatcher),
    idExtractor: wrap("idExtractor", ports.idExtractor),
    validationQueue: wrap("validationQueue", ports.validationQueue),
    notifier: wrap("notifier", ports.notifier),
  };
}

function scriptedPorts(): InMemoryPorts {
  const ports = createInMemoryPorts({ clock: new FixedClock("2026-01-15T10:00:00.000Z"), latency: LATENCY });
  ports.faceMatcher.scriptDefault({
    status: "COMPARED",
    similarity: 99.1,
    faces: { license: 1, selfie: 1 },
    engine: "scripted (Rekognition-like)",
  });
  ports.idExtractor.scriptDefault({
    status: "EXTRACTED",
    identity: EXTRACTED,
    engine: "scripted (Textract-like)",
  });
  return ports;
}

// ─── Runs ──────────────────────────────────────────────────────────────────────────────────────

const ZIP = cleanSubmission();

async function timePipeline(
  ports: InMemoryPorts,
  key: string,
): Promise<{ ms: number; view: ApplicationView }> {
  // Putting the upload is the customer's doing, before the event: not timed.
  const upload = await ports.documentStore.putUpload(key, ZIP);
  const start = performance.now();
  const view = await processSubmission(ports, { upload });
  const ms = performance.now() - start;
  if (view.status !== "AWAITING_LICENSE_VALIDATION")
    throw new Error(
      `expected AWAITING_LICENSE_VALIDATION, got ${view.status} (${view.reasons.map((r) => r.code)})`,
    );
  return { ms, view };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The critical path with nothing but timers: what the pipeline would take with zero overhead. */
async function timeReference(): Promise<number> {
  const start = performance.now();
  for (const stage of CRITICAL_PATH)
    await Promise.all(
      stage.branches.map(async (chain) => {
        for (const s of chain) await sleep(LATENCY[s]);
      }),
    );
  return performance.now() - start;
}

interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
const line = (label: string, s: Stats) =>
  `  ${label.padEnd(22)} median ${ms(s.median)}   min ${ms(s.min)}   max ${ms(s.max)}`;

async function main(): Promise<void> {
  console.log(
    "Pipeline benchmark: processSubmission end to end, clean match, in-memory adapters with modelled latency",
  );
  console.log(
    `Latency per call: ${(Object.keys(LATENCY) as Service[]).map((s) => `${SERVICE_NAME[s]} ${LATENCY[s]} ms`).join(" · ")}`,
  );
  console.log("");
  console.log("Critical path (from process-submission.ts and outbox.ts; ∥ = concurrent):");
  CRITICAL_PATH.forEach((stage, i) => {
    const calls = stage.branches.map((chain) => chain.map((s) => SERVICE_NAME[s]).join(" → ")).join(" ∥ ");
    console.log(
      `  ${i + 1}. ${stage.step.padEnd(40)} ${calls.padEnd(30)} ${String(stageMs(stage.branches)).padStart(5)} ms`,
    );
  });
  console.log(`  ${"computed total".padEnd(74)}${String(COMPUTED_MS).padStart(5)} ms`);

  // Warm-up: module loading and JIT, not measured.
  await timePipeline(scriptedPorts(), "uploads/warm-up.zip");
  await timeReference();

  // Sequential: one submission at a time, fresh ports each, reference interleaved so both see
  // the same machine state.
  const pipeline: number[] = [];
  const reference: number[] = [];
  let timeline: Span[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const spans: Span[] = [];
    pipeline.push((await timePipeline(instrument(scriptedPorts(), spans), `uploads/run-${run}.zip`)).ms);
    reference.push(await timeReference());
    if (run === 0) timeline = spans;
  }
  const p = stats(pipeline);
  const r = stats(reference);
  const ratio = p.median / r.median;
  console.log("");
  console.log(`Sequential, ${RUNS} runs:`);
  console.log(line("pipeline", p));
  console.log(line("reference (timers)", r));
  console.log(`  ${"computed".padEnd(22)}        ${ms(COMPUTED_MS)}`);
  console.log(
    `  pipeline / reference = ${ratio.toFixed(3)}  (pipeline / computed = ${(p.median / COMPUTED_MS).toFixed(3)})` +
      `   goal: within 5% (≤ ${GOAL.toFixed(2)})  ${ratio <= GOAL ? "✔ met" : "✘ missed"}`,
  );

  // Concurrent: many submissions at once on one set of ports, as one warm Lambda container would
  // not do but several would, sharing the services; no port here serialises calls.
  const shared = scriptedPorts();
  const concurrentRef = timeReferences(CONCURRENCY);
  const wallStart = performance.now();
  const concurrent = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) => timePipeline(shared, `uploads/concurrent-${i}.zip`)),
  );
  const wall = performance.now() - wallStart;
  const c = stats(concurrent.map((x) => x.ms));
  const cr = stats(await concurrentRef);
  const cRatio = c.median / cr.median;
  console.log("");
  console.log(`Concurrent, ${CONCURRENCY} submissions at once on one set of ports:`);
  console.log(line("pipeline (each)", c));
  console.log(line("reference (each)", cr));
  console.log(
    `  wall clock ${ms(wall)}   pipeline / reference = ${cRatio.toFixed(3)}  ${cRatio <= GOAL ? "✔" : "✘"} no contention`,
  );

  console.log("");
  console.log("Calls of run 1 (ms from the start of processSubmission):");
  const t0 = Math.min(...timeline.map((s) => s.start));
  for (const span of timeline)
    console.log(
      `  ${(span.start - t0).toFixed(1).padStart(7)} → ${(span.end - t0).toFixed(1).padStart(7)}  ${SERVICE_NAME[span.service].padEnd(12)} ${span.method}`,
    );
  const expected = CRITICAL_PATH.flatMap((s) => s.branches.flat()).length;
  if (timeline.length !== expected)
    console.log(
      `  note: ${timeline.length} calls made; the critical path above lists ${expected}: re-read the use case.`,
    );
  if (ratio > GOAL) {
    console.log("");
    console.log(
      "Over the goal: calls that start only after an unrelated call ended are serialised; see the timeline.",
    );
  }
}

/** `n` reference chains at once (timers only), started together with the concurrent pipeline runs. */
function timeReferences(n: number): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, () => timeReference()));
}

main().catch((error: unknown) => {
  console.error(`pipeline bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
