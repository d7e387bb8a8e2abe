import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../report.js";
import { PII_VALUES, validZip, writeTempFiles } from "../test-submissions.js";
import { captureIo } from "../testing.js";
import { processCommand } from "./process.js";

const dataDir = (): string => join(writeTempFiles({}).dir ?? "", "data");

describe("processCommand", () => {
  it("takes a valid submission to MANUAL_REVIEW with honest reasons when no engine is configured", async () => {
    // Arrange
    const files = writeTempFiles({ "application.zip": validZip() });
    const { io, stdout } = captureIo();

    // Act
    const status = await processCommand(
      files["application.zip"] ?? "",
      { json: true, engines: "scripted", dataDir: dataDir() },
      io,
    );

    // Assert
    expect(status).toBe(0);
    const report = JSON.parse(stdout()) as Report;
    expect(report.status).toBe("MANUAL_REVIEW");
    expect(report.applicationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.reasons.map((r) => r.code)).toEqual([
      "FACE_CHECK_UNAVAILABLE",
      "ID_EXTRACTION_UNAVAILABLE",
      "LICENSE_VALIDATION_UNAVAILABLE",
    ]);
    expect(report.checks.faceMatch).toMatchObject({ outcome: "REVIEW", bands: { pass: 95, review: 80 } });
    expect(report.checks.faceMatch?.similarity).toBeUndefined();
    expect(report.checks.identity).toMatchObject({ outcome: "REVIEW", reason: "ID_EXTRACTION_UNAVAILABLE" });
    expect(report.checks.licenseValidation).toMatchObject({
      outcome: "REVIEW",
      providerReason: "NO_PROVIDER_CONFIGURED",
    });
    expect(report.notifications.map((n) => [n.type, n.check ?? n.status])).toEqual([
      ["VALIDATION_COMPLETED", "FACE_MATCH"],
      ["VALIDATION_COMPLETED", "IDENTITY"],
      ["VALIDATION_COMPLETED", "LICENSE_VALIDATION"],
      ["DECISION_MADE", "MANUAL_REVIEW"],
    ]);
    for (const value of PII_VALUES) expect(stdout()).not.toContain(value);
  });

  it("reports a refused archive as INVALID_SUBMISSION with its code, exit status 0", async () => {
    const files = writeTempFiles({ "broken.zip": "this is not a zip" });
    const { io, stdout } = captureIo();

    const status = await processCommand(
      files["broken.zip"] ?? "",
      { json: true, engines: "scripted", dataDir: dataDir() },
      io,
    );

    expect(status).toBe(0);
    const report = JSON.parse(stdout()) as Report;
    expect(report.status).toBe("INVALID_SUBMISSION");
    expect(report.reasons[0]?.code).toBe("ARCHIVE_INVALID");
    expect(report.notifications).toMatchObject([{ type: "DECISION_MADE", status: "INVALID_SUBMISSION" }]);
  });

  it("prints a readable summary without --json", async () => {
    const files = writeTempFiles({ "a.zip": validZip() });
    const { io, stdout } = captureIo();

    await processCommand(files["a.zip"] ?? "", { json: false, engines: "scripted", dataDir: dataDir() }, io);

    expect(stdout()).toContain("MANUAL_REVIEW");
    for (const heading of ["Reasons", "Checks", "Notifications", "Audit trail"])
      expect(stdout()).toContain(heading);
    for (const value of PII_VALUES) expect(stdout()).not.toContain(value);
  });

  it("refuses a missing file with a usage error", async () => {
    const { io } = captureIo();
    await expect(
      processCommand("/nonexistent/x.zip", { json: true, engines: "scripted", dataDir: dataDir() }, io),
    ).rejects.toThrow("cannot read '/nonexistent/x.zip': no such file");
  });

  it("refuses a directory with a usage error", async () => {
    const { dir } = writeTempFiles({});
    const { io } = captureIo();
    await expect(
      processCommand(dir ?? "", { json: true, engines: "scripted", dataDir: dataDir() }, io),
    ).rejects.toThrow("is a directory");
  });

  it("keeps the upload, documents and application in the data directory, named without PII", async () => {
    const files = writeTempFiles({ "Zebulon Marchetti.zip": validZip() });
    const dir = dataDir();
    const { io, stdout } = captureIo();

    await processCommand(
      files["Zebulon Marchetti.zip"] ?? "",
      { json: true, engines: "scripted", dataDir: dir },
      io,
    );

    const { applicationId } = JSON.parse(stdout()) as Report;
    const stored = (readdirSync(dir, { recursive: true }) as string[]).sort();
    expect(stored).toEqual(
      expect.arrayContaining([
        `applications/${applicationId}.json`,
        `documents/${applicationId}/license.png`,
        `documents/${applicationId}/selfie.jpg`,
        `documents/${applicationId}/application.csv`,
      ]),
    );
    expect(stored.filter((p) => p.startsWith("uploads/"))).toEqual([
      expect.stringMatching(/^uploads\/[0-9a-f]{32}\.zip$/),
    ]);
    for (const value of PII_VALUES) expect(stored.join("\n")).not.toContain(value);
  });

  it("shows the stored application when the same file is processed again", async () => {
    const files = writeTempFiles({ "a.zip": validZip() });
    const dir = dataDir();
    const first = captureIo();
    const again = captureIo();

    await processCommand(files["a.zip"] ?? "", { json: true, engines: "scripted", dataDir: dir }, first.io);
    await processCommand(files["a.zip"] ?? "", { json: false, engines: "scripted", dataDir: dir }, again.io);

    const { applicationId } = JSON.parse(first.stdout()) as Report;
    expect(again.stdout()).toContain(`${applicationId}: MANUAL_REVIEW`);
    expect(again.stdout()).toContain("already in the data directory");
  });
});
