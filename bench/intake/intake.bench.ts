/**
 * Intake under hostile input: time to refusal and peak memory of `readSubmission`, against jszip
 * (the library on the design card) extracting the same bytes naively, measured in the same run.
 *
 *   pnpm --filter @onboarding/bench run intake
 *
 * Each measurement runs in a fresh child process. "peak +MiB" is the highest RSS a sampler thread saw
 * (every 1 ms) during one call, minus the RSS just before it (after a full GC).
 * Goal: every bomb refused in well under a second, with peak memory far below its inflated size,
 * and a realistic 4 MB submission read faster than jszip reads it.
 */
import { fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Deflate, deflateSync } from "fflate";
import { readSubmission } from "../../packages/core/src/intake/index.js";
import { tinyPng, writeZip, type ZipEntrySpec } from "../../packages/core/src/testing/zip-writer.js";

const MiB = 1024 * 1024;

/** `size` zero bytes deflated, streamed so the bench never holds them. */
const deflatedZeros = (size: number): Uint8Array => {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const block = new Uint8Array(MiB);
  for (let left = size; left > 0; left -= MiB)
    deflate.push(block.subarray(0, Math.min(MiB, left)), left <= MiB);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

const random = (size: number, seed: number): Uint8Array => {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
};

const CSV =
  "first_name,last_name,date_of_birth,address,city,state,postal_code,license_number\r\n" +
  "Maria,Garcia,1988-04-12,1200 Market Street,San Francisco,CA,94102,D1234567\r\n";

const documents = (): ZipEntrySpec[] => [
  { name: "application.csv", data: CSV },
  { name: "license.png", data: tinyPng() },
  { name: "selfie.png", data: tinyPng() },
];

/** A photo-sized JPEG: real JPEG magic, incompressible body, as a phone camera produces. */
const photo = (size: number, seed: number): Uint8Array => {
  const bytes = random(size, seed);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
};

interface Case {
  readonly name: string;
  readonly inflatedBytes: number;
  readonly build: () => Uint8Array;
  /** Repetitions for timing (the median is reported). */
  readonly runs: number;
  /** jszip extracts only the first entry whose name ends with this (4 GiB would not fit), else every entry. */
  readonly jszipOnly?: string;
}

const CASES: readonly Case[] = [
  {
    name: "lying entry: declares 1 KiB, inflates to 200 MiB",
    inflatedBytes: 200 * MiB,
    runs: 1,
    build: () => {
      const bomb = deflatedZeros(200 * MiB);
      return writeZip([...documents(), { name: "notes.bin", data: new Uint8Array(1024), compressed: bomb }]);
    },
  },
  {
    name: "42.zip-style ratio bomb: 16 x 256 MiB (4 GiB), sizes declared",
    inflatedBytes: 16 * 256 * MiB,
    runs: 1,
    jszipOnly: ".zip",
    build: () => {
      const layer = deflatedZeros(256 * MiB);
      const entries = Array.from(
        { length: 16 },
        (_, i): ZipEntrySpec => ({
          name: `${i.toString(16)}.zip`,
          compressed: layer,
          uncompressedSize: 256 * MiB,
          crc32: 0,
        }),
      );
      return writeZip([...documents(), ...entries]);
    },
  },
  {
    name: "42.zip-style ratio bomb: 16 x 256 MiB (4 GiB), each declaring 1 KiB",
    inflatedBytes: 16 * 256 * MiB,
    runs: 1,
    jszipOnly: ".zip",
    build: () => {
      const layer = deflatedZeros(256 * MiB);
      const entries = Array.from(
        { length: 16 },
        (_, i): ZipEntrySpec => ({
          name: `${i.toString(16)}.zip`,
          compressed: layer,
          uncompressedSize: 1024,
        }),
      );
      return writeZip([...documents(), ...entries]);
    },
  },
  {
    name: "many entries: 65,000 empty files",
    inflatedBytes: 0,
    runs: 3,
    build: () =>
      writeZip([
        ...documents(),
        ...Array.from({ length: 65_000 }, (_, i): ZipEntrySpec => ({ name: `junk/${i}` })),
      ]),
  },
  {
    name: "realistic valid submission: CSV + two 2 MiB photos (4 MiB), deflated",
    inflatedBytes: 4 * MiB,
    runs: 15,
    build: () =>
      writeZip(
        [
          { name: "application.csv", data: new TextEncoder().encode(CSV) },
          { name: "license.jpg", data: photo(2 * MiB, 1) },
          { name: "selfie.jpg", data: photo(2 * MiB, 2) },
        ].map(({ name, data }) => ({ name, data, compressed: deflateSync(data) })),
      ),
  },
];

type Engine = "intake" | "jszip";
interface Measurement {
  readonly outcome: string;
  readonly medianMs: number;
  readonly peakMiB: number;
}

const loadJszip = (): { loadAsync(bytes: Uint8Array): Promise<JszipArchive> } => {
  // jszip is a dependency of the bench only, kept for this comparison.
  const require = createRequire(import.meta.url);
  return require("jszip");
};
interface JszipArchive {
  files: Record<string, { dir: boolean; async(type: "uint8array"): Promise<Uint8Array> }>;
}

const runOnce = async (engine: Engine, bytes: Uint8Array, only: string | undefined): Promise<string> => {
  if (engine === "intake") {
    const result = await readSubmission(bytes);
    return result.ok ? "accepted" : result.error.code;
  }
  try {
    const zip = await loadJszip().loadAsync(bytes);
    let inflated = 0;
    const files = Object.entries(zip.files).filter(
      ([name, file]) => !file.dir && (!only || name.endsWith(only)),
    );
    for (const [, file] of only ? files.slice(0, 1) : files)
      inflated += (await file.async("uint8array")).length;
    return `extracted ${(inflated / MiB).toFixed(0)} MiB`;
  } catch (error) {
    return `threw: ${(error as Error).message.slice(0, 40)}`;
  }
};

/** Samples the process's RSS every millisecond from another thread, so a synchronous call is seen. */
const rssSampler = () => {
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     let max = 0, on = false;
     setInterval(() => { if (on) max = Math.max(max, process.memoryUsage.rss()); }, 1);
     parentPort.on("message", (m) => {
       if (m === "start") { on = true; max = process.memoryUsage.rss(); parentPort.postMessage("started"); }
       else { on = false; parentPort.postMessage(Math.max(max, process.memoryUsage.rss())); }
     });`,
    { eval: true },
  );
  const ask = (message: string) =>
    new Promise<unknown>((resolve) => {
      worker.once("message", resolve);
      worker.postMessage(message);
    });
  return {
    start: () => ask("start"),
    stop: async () => {
      const max = (await ask("stop")) as number;
      await worker.terminate();
      return max;
    },
  };
};

const child = async (engine: Engine, file: string, runs: number, only: string | undefined) => {
  const bytes = new Uint8Array(readFileSync(file));
  if (engine === "jszip") loadJszip();
  await runOnce("intake", new Uint8Array(0), undefined); // warm the modules, not the case
  // One run for memory, after a full GC, watched by the sampler...
  const sampler = rssSampler();
  globalThis.gc?.();
  const before = process.memoryUsage.rss();
  await sampler.start();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const outcome = await runOnce(engine, bytes, only);
  const peak = await sampler.stop();
  // ...then the timing runs.
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await runOnce(engine, bytes, only);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const measurement: Measurement = {
    outcome,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    peakMiB: Math.max(0, peak - before) / MiB,
  };
  process.send?.(measurement);
};

const measure = (engine: Engine, file: string, runs: number, only: string | undefined) =>
  new Promise<Measurement>((resolve, reject) => {
    const args = ["--child", engine, file, String(runs), only ?? ""];
    const worker = fork(fileURLToPath(import.meta.url), args, {
      execArgv: [...process.execArgv, "--expose-gc", "--max-old-space-size=8192"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: Measurement | undefined;
    worker.on("message", (message) => {
      result = message as Measurement;
    });
    worker.on("exit", (code) =>
      result ? resolve(result) : reject(new Error(`${engine} child exited with ${code} before reporting`)),
    );
  });

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "intake-bench-"));
  try {
    console.log(
      "Intake benchmark (readSubmission with DEFAULT_INTAKE_LIMITS vs jszip 3.10.2 naive extraction)",
    );
    console.log("Goal: bombs refused in well under 1 s with peak memory far below the inflated size;");
    console.log("      a realistic 4 MiB submission read faster than jszip reads it.\n");
    for (const bench of CASES) {
      const bytes = bench.build();
      const file = join(dir, "input.zip");
      writeFileSync(file, bytes);
      const intake = await measure("intake", file, bench.runs, undefined);
      const jszip = await measure("jszip", file, bench.runs, bench.jszipOnly);
      console.log(`${bench.name}`);
      console.log(
        `  upload ${(bytes.length / MiB).toFixed(2)} MiB, inflates to ${(bench.inflatedBytes / MiB).toFixed(0)} MiB`,
      );
      const row = (label: string, m: Measurement) =>
        `  ${label.padEnd(28)} ${m.medianMs.toFixed(1).padStart(9)} ms   peak +${m.peakMiB.toFixed(1).padStart(7)} MiB   ${m.outcome}`;
      console.log(row("@onboarding/core intake", intake));
      console.log(row(`jszip${bench.jszipOnly ? " (one 256 MiB entry)" : ""}`, jszip));
      if (bench.runs > 1) console.log(`  (time: median of ${bench.runs} runs; memory: one run)`);
      console.log("");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const [flag, engine, file, runs, only] = process.argv.slice(2);
if (flag === "--child" && (engine === "intake" || engine === "jszip") && file) {
  await child(engine, file, Number(runs) || 1, only || undefined);
} else {
  await main();
}
