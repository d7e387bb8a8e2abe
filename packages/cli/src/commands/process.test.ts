import { describe, expect, it } from "vitest";
import type { Report } from "../report.js";
import { PII_VALUES, validZip, writeTempFiles } from "../test-submissions.js";
import { captureIo } from "../testing.js";
import { processCommand } from "./process.js";

describe("processCommand", () => {
  it("takes a valid submission to MANUAL_REVIEW with honest reasons when no engine is configured", async () => {
    // Arrange
    const files = writeTempFiles({ "application.zip": validZip() });
    const { io, stdout } = captureIo();

    // Act
    const status = await processCommand(
      files["application.zip"] ?? "",
      { json: true, engines: "scripted" },
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

    const status = await processCommand(files["broken.zip"] ?? "", { json: true, engines: "scripted" }, io);

    expect(status).toBe(0);
    const report = JSON.parse(stdout()) as Report;
    expect(report.status).toBe("INVALID_SUBMISSION");
    expect(report.reasons[0]?.code).toBe("ARCHIVE_INVALID");
    expect(report.notifications).toMatchObject([{ type: "DECISION_MADE", status: "INVALID_SUBMISSION" }]);
  });

  it("prints a readable summary without --json", async () => {
    const files = writeTempFiles({ "a.zip": validZip() });
    const { io, stdout } = captureIo();

    await processCommand(files["a.zip"] ?? "", { json: false, engines: "scripted" }, io);

    expect(stdout()).toContain("MANUAL_REVIEW");
    for (const heading of ["Reasons", "Checks", "Notifications", "Audit trail"])
      expect(stdout()).toContain(heading);
    for (const value of PII_VALUES) expect(stdout()).not.toContain(value);
  });

  it("refuses a missing file with a usage error", async () => {
    const { io } = captureIo();
    await expect(
      processCommand("/nonexistent/x.zip", { json: true, engines: "scripted" }, io),
    ).rejects.toThrow("cannot read '/nonexistent/x.zip': no such file");
  });

  it("refuses a directory with a usage error", async () => {
    const { dir } = writeTempFiles({});
    const { io } = captureIo();
    await expect(processCommand(dir ?? "", { json: true, engines: "scripted" }, io)).rejects.toThrow(
      "is a directory",
    );
  });
});
