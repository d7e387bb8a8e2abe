import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "./demo/scenarios.js";
import type { Report } from "./report.js";
import { PII_VALUES, validZip, writeTempFiles } from "./test-submissions.js";

// The built command, as users run it (built by test/build-once.ts).
const BIN = fileURLToPath(new URL("../dist/onboard.js", import.meta.url));

// Each run's working directory: the default data directory (./.onboard) lands here, not in the repo.
const CWD = mkdtempSync(path.join(tmpdir(), "onboard-cwd-"));
afterAll(() => rmSync(CWD, { recursive: true, force: true }));

const onboard = (...args: string[]) => {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: CWD,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe("onboard (child process)", () => {
  it("process --json --engines scripted: one JSON object, MANUAL_REVIEW with the unavailable reasons, no PII", () => {
    const files = writeTempFiles({ "submission.zip": validZip() });

    const { status, stdout, stderr } = onboard(
      "process",
      files["submission.zip"] ?? "",
      "--json",
      "--engines",
      "scripted",
    );

    expect(status).toBe(0);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as Report;
    expect(Object.keys(report)).toEqual([
      "applicationId",
      "status",
      "reasons",
      "checks",
      "notifications",
      "audit",
    ]);
    expect(report.status).toBe("MANUAL_REVIEW");
    expect(report.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        "FACE_CHECK_UNAVAILABLE",
        "ID_EXTRACTION_UNAVAILABLE",
        "LICENSE_VALIDATION_UNAVAILABLE",
      ]),
    );
    expect(Object.keys(report.checks)).toEqual(["faceMatch", "identity", "licenseValidation"]);
    expect(report.notifications.length).toBe(4);
    for (const value of PII_VALUES) expect(stdout).not.toContain(value);
  });

  it("process --json on an invalid zip: exit 0, INVALID_SUBMISSION and its code", () => {
    const files = writeTempFiles({ "bad.zip": new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });

    const { status, stdout } = onboard("process", files["bad.zip"] ?? "", "--json");

    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.status).toBe("INVALID_SUBMISSION");
    expect(report.reasons[0]?.code).toBe("ARCHIVE_INVALID");
  });

  it("a missing file: exit 2, one line on stderr, no stack trace", () => {
    const { status, stdout, stderr } = onboard("process", "does-not-exist.zip");

    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("onboard: cannot read 'does-not-exist.zip': no such file\n");
  });

  it("an unknown flag: exit 2, one line on stderr", () => {
    const { status, stderr } = onboard("process", "x.zip", "--yaml");

    expect(status).toBe(2);
    expect(stderr).toBe("onboard: unknown option '--yaml'\n");
  });

  it("keeps applications in ./.onboard by default, readable by the owner only, for 'review list'", () => {
    const files = writeTempFiles({ "default.zip": validZip() });
    const { stdout } = onboard("process", files["default.zip"] ?? "", "--json", "--engines", "scripted");
    const { applicationId } = JSON.parse(stdout) as Report;

    const listed = onboard("review", "list", "--json");

    expect(JSON.parse(listed.stdout).items.map((i: { applicationId: string }) => i.applicationId)).toContain(
      applicationId,
    );
    expect(statSync(path.join(CWD, ".onboard")).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(CWD, ".onboard", "applications", `${applicationId}.json`)).mode & 0o777).toBe(
      0o600,
    );
  });

  it("--help and --version exit 0, and the help says the data directory holds PII", () => {
    expect(onboard("--help").stdout).toContain("It holds PII");
    expect(onboard("--help")).toMatchObject({ status: 0, stderr: "" });
    expect(onboard("--version").stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("demo --engines scripted: exit 0, each scenario's expected status printed, no colour when piped", () => {
    const { status, stdout } = onboard("demo", "--engines", "scripted");

    expect(status).toBe(0);
    for (const scenario of SCENARIOS)
      expect(stdout).toContain(`✔ ${scenario.id}: ${scenario.expect.status}, as expected`);
    expect(stdout).not.toContain("\u001b[");
  });

  it("demo (the README's command): the local samples, then every scripted decision path, exit 0", () => {
    const { status, stdout } = onboard("demo");

    expect(status).toBe(0);
    expect(stdout).toContain("4/4 samples ended as expected.");
    for (const scenario of SCENARIOS)
      expect(stdout).toContain(`✔ ${scenario.id}: ${scenario.expect.status}, as expected`);
    expect(stdout.indexOf("4/4 samples")).toBeLessThan(stdout.indexOf(`✔ ${SCENARIOS[0]?.id}`));
    expect(stdout).not.toContain("\u001b[");
  });
});

describe("onboard samples and process with the local engines (child process)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "onboard-samples-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("samples --out writes a zip per variant and a README", () => {
    const { status, stderr } = onboard("samples", "--out", dir);

    expect(status).toBe(0);
    expect(stderr).toBe("");
    expect(readdirSync(dir).sort()).toEqual([
      "README.txt",
      "data-mismatch.zip",
      "face-mismatch.zip",
      "matching-collins.zip",
      "matching-hopper.zip",
    ]);
  });

  it("process approves a matching sample with the default engines: no check goes to a person", () => {
    const { status, stdout } = onboard("process", path.join(dir, "matching-collins.zip"), "--json");

    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.status).toBe("APPROVED");
    expect(report.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(["FACE_MATCH", "IDENTITY_MATCH", "LICENSE_VALID"]),
    );
  });

  it("process rejects a sample whose selfie is someone else", () => {
    const { status, stdout } = onboard("process", path.join(dir, "face-mismatch.zip"), "--json");

    expect(status).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.status).toBe("REJECTED");
    expect(report.reasons.map((r) => r.code)).toContain("FACE_MISMATCH");
  });
});
