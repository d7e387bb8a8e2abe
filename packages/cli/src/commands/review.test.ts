import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sampleImages, submissionZip } from "@onboarding/core/samples";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../report.js";
import { PII_APPLICANT, PII_VALUES, validZip } from "../test-submissions.js";
import type { ApplicationDetail } from "./review.js";

// The built command, as users run it (built by test/build-once.ts).
const BIN = fileURLToPath(new URL("../../dist/onboard.js", import.meta.url));

const work = mkdtempSync(path.join(tmpdir(), "onboard-review-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh data directory and a runner of `onboard … --data-dir <it>` in a child process. */
function dataDir() {
  const dir = mkdtempSync(path.join(work, "data-"));
  const onboard = (...args: string[]) => {
    const run = spawnSync(process.execPath, [BIN, ...args, "--data-dir", dir], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const processZip = (bytes: Uint8Array, name = "submission.zip"): Report => {
    const file = path.join(mkdtempSync(path.join(work, "zip-")), name);
    writeFileSync(file, bytes);
    const run = onboard("process", file, "--json", "--engines", "scripted");
    expect(run).toMatchObject({ status: 0, stderr: "" });
    return JSON.parse(run.stdout) as Report;
  };
  return { dir, onboard, processZip };
}

/** Hashes and ids are hex: any 4 digits of the applicant could turn up in one by chance. */
const scrub = (text: string): string =>
  text
    .replace(/[0-9a-f]{64}/g, "<sha256>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>");

const piiIn = (text: string): string[] => PII_VALUES.filter((value) => scrub(text).includes(value));

/** Every file under `dir`, relative, sorted. */
const files = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).replaceAll("\\", "/"))
    .sort();

describe("onboard review (child process, one data directory across commands)", () => {
  it("process, list, show without PII, approve, refuse a second decision, erase", () => {
    // Arrange: a submission the unavailable engines send to a person
    const { dir, onboard, processZip } = dataDir();
    const { applicationId, status } = processZip(validZip());
    expect(status).toBe("MANUAL_REVIEW");

    // The review queue, in a later command, shows it
    const list = onboard("review", "list", "--json");
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({
      status: "MANUAL_REVIEW",
      items: [expect.objectContaining({ applicationId, status: "MANUAL_REVIEW" })],
    });
    expect(onboard("review", "list").stdout).toContain(applicationId);

    // Show: checks, reasons, documents and audit trail, and none of the applicant's PII
    const shown = onboard("review", "show", applicationId);
    const shownJson = onboard("review", "show", applicationId, "--json");
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain("FACE_CHECK_UNAVAILABLE");
    expect(shown.stdout).toContain("Audit trail");
    expect(piiIn(shown.stdout)).toEqual([]);
    expect(piiIn(shownJson.stdout)).toEqual([]);
    const detail = JSON.parse(shownJson.stdout) as ApplicationDetail;
    expect(detail).toMatchObject({ applicationId, status: "MANUAL_REVIEW", version: expect.any(Number) });
    expect(detail.applicant).toBeUndefined();
    expect(detail.documents.map((d) => d.name)).toEqual(["application.csv", "license.png", "selfie.jpg"]);
    expect(detail.checks.faceMatch?.reason).toBe("FACE_CHECK_UNAVAILABLE");
    // …and the PII only when asked for
    const withPii = JSON.parse(onboard("review", "show", applicationId, "--show-pii", "--json").stdout);
    expect(withPii.applicant).toMatchObject({
      firstName: PII_APPLICANT.firstName,
      dateOfBirth: "1983-09-27",
    });

    // Act: approve, then decide again
    const approved = onboard(
      "review",
      "decide",
      applicationId,
      "--decision",
      "approve",
      "--reason",
      "IDENTITY_CONFIRMED",
      "--comment",
      "Called Zebulon on 0199",
      "--json",
    );
    const again = onboard("review", "decide", applicationId, "--decision", "reject", "--reason", "OTHER");

    // Assert
    expect(approved).toMatchObject({ status: 0, stderr: "" });
    const decided = JSON.parse(approved.stdout);
    expect(decided).toMatchObject({
      applicationId,
      status: "APPROVED",
      review: { decision: "APPROVE", reasonCode: "IDENTITY_CONFIRMED", reviewerId: userInfo().username },
      notifications: [{ type: "DECISION_MADE", status: "APPROVED" }],
    });
    expect(again.status).toBe(3);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(/^onboard: review decide: ALREADY_DECIDED: [^\n]+\n$/);
    expect(onboard("review", "list", "--json").stdout).not.toContain(applicationId);

    // Erase: the files go, and the PII (the comment too) leaves the record; the decision stays
    const record = `applications/${applicationId}.json`;
    expect(files(dir)).toEqual(
      expect.arrayContaining([
        record,
        `documents/${applicationId}/selfie.jpg`,
        expect.stringMatching(/^uploads\//),
      ]),
    );
    expect(piiIn(readFileSync(path.join(dir, record), "utf8"))).not.toEqual([]);

    const erased = onboard("review", "erase", applicationId, "--reason", "CUSTOMER_REQUEST");

    expect(erased).toMatchObject({ status: 0, stderr: "" });
    expect(files(dir)).toEqual([record]);
    expect(existsSync(path.join(dir, "documents", applicationId))).toBe(false);
    expect(piiIn(readFileSync(path.join(dir, record), "utf8"))).toEqual([]);
    const after = JSON.parse(onboard("review", "show", applicationId, "--show-pii", "--json").stdout);
    expect(after).toMatchObject({
      status: "APPROVED",
      review: { decision: "APPROVE" },
      erasedAt: expect.any(String),
    });
    expect(after.applicant).toBeUndefined();
    expect(after.documents).toEqual([]);
  });

  it("links a resubmission: the applicant's next upload shows previousApplicationId", () => {
    const { onboard, processZip } = dataDir();
    const first = processZip(validZip());
    const decided = onboard(
      "review",
      "decide",
      first.applicationId,
      "--decision",
      "resubmit",
      "--reason",
      "PHOTO_QUALITY_INSUFFICIENT",
      "--reviewer",
      "reviewer-7",
    );
    expect(decided.status).toBe(0);
    expect(decided.stdout).toContain("RESUBMISSION_REQUESTED");

    const second = processZip(submissionZip({ form: PII_APPLICANT, images: sampleImages("second attempt") }));

    expect(second.applicationId).not.toBe(first.applicationId);
    const shown = JSON.parse(onboard("review", "show", second.applicationId, "--json").stdout);
    expect(shown.previousApplicationId).toBe(first.applicationId);
    expect(onboard("review", "show", second.applicationId).stdout).toContain(
      `resubmits: ${first.applicationId}`,
    );
    const earlier = JSON.parse(onboard("review", "show", first.applicationId, "--json").stdout);
    expect(earlier).toMatchObject({
      status: "RESUBMISSION_REQUESTED",
      nextApplicationId: second.applicationId,
      review: { reviewerId: "reviewer-7", decision: "REQUEST_RESUBMISSION" },
    });
  });

  it("refuses with exit 3 and one line naming the code", () => {
    const { onboard, processZip } = dataDir();
    const inReview = processZip(validZip());
    const invalid = processZip(new TextEncoder().encode("not a zip"), "broken.zip");
    const decide = (id: string, ...more: string[]) =>
      onboard("review", "decide", id, "--decision", "approve", "--reason", "OTHER", ...more);

    const cases = {
      APPLICATION_NOT_FOUND: decide("0000-no-such-application"),
      NOT_IN_REVIEW: decide(invalid.applicationId),
      STALE_VERSION: decide(inReview.applicationId, "--expected-version", "1"),
      REVIEW_INVALID: decide(inReview.applicationId, "--comment", "x".repeat(2001)),
      APPLICATION_IN_PROGRESS: onboard("review", "erase", inReview.applicationId, "--reason", "OTHER"),
      SHOW_NOT_FOUND: onboard("review", "show", "0000-no-such-application"),
    };

    for (const [code, run] of Object.entries(cases)) {
      expect([code, run.status, run.stdout]).toEqual([code, 3, ""]);
      expect(run.stderr.split("\n")).toHaveLength(2);
      expect(run.stderr).toContain(code === "SHOW_NOT_FOUND" ? "APPLICATION_NOT_FOUND" : code);
    }
    // A refused submission is decided already: it can be erased.
    expect(onboard("review", "erase", invalid.applicationId, "--reason", "OTHER").status).toBe(0);
  });
});
