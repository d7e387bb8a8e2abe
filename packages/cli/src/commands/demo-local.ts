import { FixedClock } from "@onboarding/in-memory-adapters";
import { buildSamples, type SampleSubmission } from "@onboarding/local-adapters";
import { DEMO_NOW } from "../demo/scenarios.js";
import { createEngines } from "../engines.js";
import { formatReport } from "../format.js";
import type { Io } from "../io.js";
import { toReport } from "../report.js";
import { createLocalRuntime, runSubmission } from "../runtime.js";
import { table } from "../table.js";

/** What each generated sample must come out as, through the local engines. */
export const LOCAL_EXPECTATIONS: Readonly<
  Record<SampleSubmission["expect"], { status: string; reason: string }>
> = {
  match: { status: "APPROVED", reason: "FACE_MATCH" },
  "face-mismatch": { status: "REJECTED", reason: "FACE_MISMATCH" },
  "data-mismatch": { status: "REJECTED", reason: "IDENTITY_MISMATCH" },
};

/**
 * `onboard demo` (default engines): the generated sample submissions (`onboard samples`) through
 * the real pipeline with the local engines — nothing scripted: the face model compares the photos
 * and OCR reads the rendered license. Exit 0 when every sample ends as expected.
 */
export async function localDemoCommand(io: Io, samples?: readonly SampleSubmission[]): Promise<number> {
  const { style } = io;
  io.out(
    style.bold("onboard demo: generated sample submissions through the pipeline with the local engines"),
  );
  io.out(
    "Face: face-api (WASM) compares the selfie with the license portrait. License: tesseract.js reads the card.",
  );
  io.out(
    "Nothing is scripted. The license issuer cannot be asked offline: a stand-in confirms the sample licenses.",
  );
  io.out(`Synthetic cards, one photo per person (see onboard samples). Clock fixed at ${DEMO_NOW}.`);
  const submissions = samples ?? (await buildSamples());

  let read: (ref: { readonly key: string }) => Promise<Uint8Array> = () =>
    Promise.reject(new Error("no store yet"));
  const engines = createEngines("local", (ref) => read(ref));
  const rows: string[][] = [];
  let passed = 0;
  try {
    for (const [index, sample] of submissions.entries()) {
      const expected = LOCAL_EXPECTATIONS[sample.expect];
      io.out("");
      io.out(
        style.bold(`━━ ${index + 1}/${submissions.length}  ${sample.name}  (expects ${expected.status})`),
      );
      io.out(`  ${sample.description}`);
      const runtime = createLocalRuntime({ engines, clock: new FixedClock(DEMO_NOW) });
      read = (ref) => runtime.documentStore.getDocument(ref);
      const started = Date.now();
      const upload = await runtime.documentStore.putUpload(`uploads/${sample.name}.zip`, sample.zip);
      const report = toReport(await runSubmission(runtime, upload));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.out("");
      for (const line of formatReport(report, style)) io.out(line === "" ? "" : `  ${line}`);
      const codes = report.reasons.map((r) => r.code);
      const ok = report.status === expected.status && codes.includes(expected.reason as never);
      if (ok) passed += 1;
      const mark = ok ? style.good("✔") : style.bad("✘");
      io.out(
        ok
          ? `${mark} ${sample.name}: ${report.status}, as expected (${seconds} s)`
          : `${mark} ${sample.name}: expected ${expected.status} with ${expected.reason}; got ${report.status} with ${codes.join(", ") || "no reasons"}`,
      );
      rows.push([
        ok ? style.good("✔") : style.bad("✘"),
        sample.name,
        expected.status,
        report.status,
        `${seconds} s`,
      ]);
    }
  } finally {
    await engines.close();
  }
  io.out("");
  io.out(style.bold("Summary"));
  for (const line of table(["", "SAMPLE", "EXPECTED", "GOT", "TIME"], rows)) io.out(line);
  io.out("");
  io.out(`${passed}/${submissions.length} samples ended as expected.`);
  io.out(
    style.dim(
      "The scripted scenarios (every decision path, scripted engine answers): onboard demo --engines scripted",
    ),
  );
  return passed === submissions.length ? 0 : 1;
}
