import { type ExtractedIdentity, sha256Hex } from "@onboarding/core";
import { FixedClock } from "@onboarding/in-memory-adapters";
import { DEMO_NOW, SCENARIOS, type Scenario, type ScenarioScript } from "../demo/scenarios.js";
import { scriptedEngines } from "../engines.js";
import { formatReport } from "../format.js";
import type { Io } from "../io.js";
import { toReport } from "../report.js";
import { createLocalRuntime, runSubmission } from "../runtime.js";
import { table } from "../table.js";

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly status: string;
  readonly reasons: readonly string[];
  readonly ok: boolean;
}

/**
 * Runs every scenario through the real pipeline on in-memory adapters, each with fresh ports and
 * a clock fixed at `DEMO_NOW`, and prints what it scripted, the decision, the reasons, the
 * notifications and the audit trail. Exit status 0 when every scenario ends as it says it will.
 */
export async function demoCommand(io: Io, scenarios: readonly Scenario[] = SCENARIOS): Promise<number> {
  const { style } = io;
  io.out(style.bold("onboard demo: generated submissions through the real onboarding pipeline"));
  io.out(`Storage, queue and notifier are in memory; the engines answer what each scenario scripts, and`);
  io.out(`nothing else (an engine with nothing scripted answers UNAVAILABLE). Clock fixed at ${DEMO_NOW}.`);

  const results: ScenarioResult[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    io.out("");
    io.out(
      style.bold(
        `━━ ${index + 1}/${scenarios.length}  ${scenario.title}  (expects ${scenario.expect.status})`,
      ),
    );
    io.out(`  ${scenario.story}`);
    const result = await runScenario(scenario, io);
    results.push(result);
    const mark = result.ok ? style.good("✔") : style.bad("✘");
    const expected = `${scenario.expect.status} with ${scenario.expect.reasons.join(", ")}`;
    io.out(
      result.ok
        ? `${mark} ${scenario.id}: ${result.status}, as expected`
        : `${mark} ${scenario.id}: expected ${expected}; got ${result.status} with ${result.reasons.join(", ") || "no reasons"}`,
    );
  }

  const passed = results.filter((r) => r.ok).length;
  io.out("");
  io.out(style.bold("Summary"));
  for (const line of table(
    ["", "SCENARIO", "EXPECTED", "GOT"],
    results.map((r) => [
      r.ok ? style.good("✔") : style.bad("✘"),
      r.scenario.id,
      r.scenario.expect.status,
      r.status,
    ]),
  ))
    io.out(line);
  io.out("");
  io.out(`${passed}/${results.length} scenarios ended as expected.`);
  return passed === results.length ? 0 : 1;
}

async function runScenario(scenario: Scenario, io: Io): Promise<ScenarioResult> {
  const engines = scriptedEngines();
  const runtime = createLocalRuntime({ engines, clock: new FixedClock(DEMO_NOW) });
  const { zip, selfie, license } = scenario.upload();

  // Scripted by the SHA-256 of this scenario's own photos: the answer belongs to these bytes only.
  const { face, id, validator } = scenario.script;
  if (face) engines.faceMatcher.script(await sha256Hex(selfie), face);
  if (id) engines.idExtractor.script(await sha256Hex(license), id);
  if (validator) engines.licenseValidator.script(scenario.applicant.licenseNumber, validator);
  for (const line of describeScript(scenario.script)) io.out(`  ${io.style.dim("scripted:")} ${line}`);

  const upload = await runtime.documentStore.putUpload(`uploads/${scenario.id}.zip`, zip);
  const report = toReport(await runSubmission(runtime, upload));
  io.out("");
  for (const line of formatReport(report, io.style)) io.out(line === "" ? "" : `  ${line}`);
  io.out("");

  const codes = report.reasons.map((r) => r.code);
  const ok =
    report.status === scenario.expect.status && scenario.expect.reasons.every((c) => codes.includes(c));
  return { scenario, status: report.status, reasons: codes, ok };
}

/** What a scenario scripted, stated openly: the demo's results are only as real as these lines. */
export function describeScript(script: ScenarioScript): string[] {
  const lines: string[] = [];
  const { face, id, validator } = script;
  if (face === undefined) lines.push("face matcher: nothing (answers UNAVAILABLE)");
  else if (face.status === "COMPARED")
    lines.push(
      `face matcher: ${face.engine}, similarity ${face.similarity}, faces ${face.faces.license} (license) / ${face.faces.selfie} (selfie)`,
    );
  else lines.push(`face matcher: ${face.engine}, ${face.status}`);

  if (id === undefined) lines.push("ID reader: nothing (answers UNAVAILABLE)");
  else if (id.status === "EXTRACTED")
    lines.push(`ID reader: ${id.engine}, fields ${describeIdentity(id.identity)}`);
  else lines.push(`ID reader: ${id.engine}, ${id.status}`);

  if (validator === undefined) lines.push("license validator: nothing (answers UNAVAILABLE when asked)");
  else
    lines.push(
      `license validator: ${validator.status}${validator.status === "INVALID" ? ` (${validator.reason})` : ""}${
        "reference" in validator && validator.reference !== undefined
          ? `, reference ${validator.reference}`
          : ""
      }`,
    );
  return lines;
}

function describeIdentity(identity: ExtractedIdentity): string {
  const name = [identity.firstName, identity.middleName, identity.lastName].filter(Boolean).join(" ");
  const address = identity.address
    ? [identity.address.line1, identity.address.city, identity.address.state, identity.address.postalCode]
        .filter(Boolean)
        .join(", ")
    : undefined;
  const confidences = Object.values(identity.confidence ?? {}).filter((c): c is number => c !== undefined);
  return [
    `name "${name}"`,
    identity.dateOfBirth && `born ${identity.dateOfBirth}`,
    address && `address "${address}"`,
    identity.licenseNumber && `license ${identity.licenseNumber}`,
    identity.expirationDate && `expires ${identity.expirationDate}`,
    confidences.length > 0 && `confidence ≥ ${Math.min(...confidences)}`,
  ]
    .filter(Boolean)
    .join("; ");
}
