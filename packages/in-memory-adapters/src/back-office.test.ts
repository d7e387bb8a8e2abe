import {
  type ApplicationView,
  completeLicenseValidation,
  eraseApplication,
  eraseExpiredApplications,
  type FaceComparison,
  listApplications,
  processSubmission,
  recordReviewDecision,
} from "@onboarding/core";
import { anApplicationForm, anExtractedIdentity, aSubmissionZip } from "@onboarding/core/testing";
import { describe, expect, it } from "vitest";
import { FixedClock } from "./fixed-clock.js";
import { createInMemoryPorts, type InMemoryPorts } from "./in-memory-ports.js";

const form = anApplicationForm();
const borderline: FaceComparison = {
  status: "COMPARED",
  similarity: 88,
  faces: { license: 1, selfie: 1 },
  engine: "scripted",
};

function arrange(clock = new FixedClock("2026-01-15T10:00:00.000Z")): InMemoryPorts {
  const ports = createInMemoryPorts({ clock });
  ports.faceMatcher.scriptDefault(borderline);
  ports.idExtractor.scriptDefault({
    status: "EXTRACTED",
    identity: anExtractedIdentity(form),
    engine: "scripted",
  });
  ports.licenseValidator.scriptDefault({ status: "VALID", provider: "scripted" });
  return ports;
}

/** Runs an upload to its decision; with a borderline face it lands in MANUAL_REVIEW. */
async function toReview(
  ports: InMemoryPorts,
  key = "uploads/a.zip",
  selfieSeed = 2,
): Promise<ApplicationView> {
  const upload = await ports.documentStore.putUpload(key, aSubmissionZip({ form, selfieSeed }));
  await processSubmission(ports, { upload });
  const [request] = ports.validationQueue.take();
  if (request === undefined) throw new Error("no validation request");
  return completeLicenseValidation(ports, request);
}

const decide = (
  ports: InMemoryPorts,
  applicationId: string,
  decision: "APPROVE" | "REJECT" | "REQUEST_RESUBMISSION",
  reviewerId = "reviewer-1",
) =>
  recordReviewDecision(ports, {
    applicationId,
    reviewerId,
    decision,
    reasonCode: decision === "APPROVE" ? "IDENTITY_CONFIRMED" : "PHOTO_QUALITY_INSUFFICIENT",
    comment: `checked against the license of ${form.firstName} ${form.lastName}`,
  });

describe("manual review", () => {
  it("lists the review queue oldest first, a page at a time", async () => {
    const clock = new FixedClock("2026-01-15T10:00:00.000Z");
    const ports = arrange(clock);
    const first = await toReview(ports, "uploads/1.zip");
    clock.advance(60_000);
    const second = await toReview(ports, "uploads/2.zip", 3);

    const page1 = await listApplications(ports, { status: "MANUAL_REVIEW", limit: 1 });
    const page2 = await listApplications(ports, {
      status: "MANUAL_REVIEW",
      limit: 1,
      ...(page1.nextCursor ? { cursor: page1.nextCursor } : {}),
    });

    expect(page1.items.map((i) => i.applicationId)).toEqual([first.applicationId]);
    expect(page2.items.map((i) => i.applicationId)).toEqual([second.applicationId]);
    expect(page2.nextCursor).toBeUndefined();
  });

  it.each([
    ["APPROVE", "APPROVED", "REVIEW_APPROVED"],
    ["REJECT", "REJECTED", "REVIEW_REJECTED"],
    ["REQUEST_RESUBMISSION", "RESUBMISSION_REQUESTED", "REVIEW_RESUBMISSION_REQUESTED"],
  ] as const)("%s moves the application to %s, audited and notified", async (decision, status, reason) => {
    const ports = arrange();
    const inReview = await toReview(ports);

    const result = await decide(ports, inReview.applicationId, decision);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe(status);
    expect(result.value.reasons.map((r) => r.code)).toContain(reason);
    expect(result.value.review).toMatchObject({ reviewerId: "reviewer-1", decision });
    expect(JSON.stringify(result.value)).not.toContain(form.lastName);
    const entry = result.value.audit.at(-1);
    expect(entry).toMatchObject({ step: "review", from: "MANUAL_REVIEW", to: status, outcome: decision });
    expect(entry?.detail).toMatchObject({
      reviewerId: "reviewer-1",
      faceOutcome: "REVIEW",
      licenseOutcome: "PASS",
    });
    expect(entry?.scores?.faceSimilarity).toBe(88);
    expect(ports.notifier.sent.at(-1)).toMatchObject({ type: "DECISION_MADE", status });
    const stored = await ports.customerRepo.get(inReview.applicationId);
    expect(stored?.review?.comment).toContain(form.lastName);
  });

  it("refuses a decision on an application that is not in review", async () => {
    const ports = arrange();
    ports.faceMatcher.scriptDefault({ ...borderline, similarity: 99 });
    const approved = await toReview(ports);

    const result = await decide(ports, approved.applicationId, "REJECT");

    expect(approved.status).toBe("APPROVED");
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_IN_REVIEW", status: "APPROVED" } });
  });

  it("refuses a second decision rather than overwrite the first", async () => {
    const ports = arrange();
    const inReview = await toReview(ports);
    await decide(ports, inReview.applicationId, "APPROVE");

    const second = await decide(ports, inReview.applicationId, "REJECT", "reviewer-2");

    expect(second).toMatchObject({ ok: false, error: { code: "ALREADY_DECIDED" } });
    expect((await ports.customerRepo.get(inReview.applicationId))?.status).toBe("APPROVED");
  });

  it("lets one of two reviewers deciding at once win; the other gets a clear conflict", async () => {
    const ports = arrange();
    const inReview = await toReview(ports);

    const results = await Promise.all([
      decide(ports, inReview.applicationId, "APPROVE", "reviewer-1"),
      decide(ports, inReview.applicationId, "REJECT", "reviewer-2"),
    ]);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(["ALREADY_DECIDED"]);
    expect(ports.notifier.sent.filter((n) => n.notificationId.endsWith(":review-decision"))).toHaveLength(1);
  });

  it("refuses a decision based on a version the reviewer no longer sees", async () => {
    const ports = arrange();
    const inReview = await toReview(ports);

    const result = await recordReviewDecision(ports, {
      applicationId: inReview.applicationId,
      reviewerId: "reviewer-1",
      decision: "APPROVE",
      reasonCode: "IDENTITY_CONFIRMED",
      expectedVersion: inReview.version - 1,
    });

    expect(result).toMatchObject({ ok: false, error: { code: "STALE_VERSION", version: inReview.version } });
  });

  it.each([
    [{ reviewerId: "" }, "reviewerId"],
    [{ reasonCode: "BECAUSE" }, "reasonCode"],
    [{ decision: "MAYBE" }, "decision"],
    [{ comment: "x".repeat(2001) }, "comment"],
  ])("refuses invalid input %o naming %s", async (override, field) => {
    const ports = arrange();
    const inReview = await toReview(ports);

    const result = await recordReviewDecision(ports, {
      applicationId: inReview.applicationId,
      reviewerId: "reviewer-1",
      decision: "APPROVE",
      reasonCode: "IDENTITY_CONFIRMED",
      ...(override as object),
    });

    expect(result).toMatchObject({ ok: false, error: { code: "REVIEW_INVALID", field } });
  });
});

describe("resubmission", () => {
  it("links the applicant's next upload to the application that asked for it, in both audit trails", async () => {
    const ports = arrange();
    const first = await toReview(ports, "uploads/first.zip");
    await decide(ports, first.applicationId, "REQUEST_RESUBMISSION");
    ports.faceMatcher.scriptDefault({ ...borderline, similarity: 99 });

    const second = await processSubmission(ports, {
      upload: await ports.documentStore.putUpload(
        "uploads/second.zip",
        aSubmissionZip({ form, selfieSeed: 7 }),
      ),
    });

    const earlier = await ports.customerRepo.get(first.applicationId);
    expect(second.previousApplicationId).toBe(first.applicationId);
    expect(second.audit[0]?.detail).toEqual({ resubmissionOf: first.applicationId });
    expect(earlier?.nextApplicationId).toBe(second.applicationId);
    expect(earlier?.audit.at(-1)).toMatchObject({
      step: "resubmission",
      detail: { resubmittedAs: second.applicationId },
    });
  });

  it("does not link another applicant's upload, nor an application that asked for nothing", async () => {
    const ports = arrange();
    const first = await toReview(ports, "uploads/first.zip");

    const other = await processSubmission(ports, {
      upload: await ports.documentStore.putUpload(
        "uploads/other.zip",
        aSubmissionZip({ form: anApplicationForm({ licenseNumber: "Z9999999" }), selfieSeed: 5 }),
      ),
    });
    const again = await processSubmission(ports, {
      upload: await ports.documentStore.putUpload(
        "uploads/again.zip",
        aSubmissionZip({ form, selfieSeed: 6 }),
      ),
    });

    expect(first.status).toBe("MANUAL_REVIEW");
    expect(other.previousApplicationId).toBeUndefined();
    expect(again.previousApplicationId).toBeUndefined();
  });
});

describe("erasure", () => {
  it("deletes the images, documents, upload and PII, and keeps a PII-free record of the decision", async () => {
    const ports = arrange();
    const inReview = await toReview(ports, "uploads/Maria Garcia.zip");
    await decide(ports, inReview.applicationId, "REJECT");

    const result = await eraseApplication(ports, {
      applicationId: inReview.applicationId,
      requestedBy: "dpo-1",
      reason: "CUSTOMER_REQUEST",
    });

    expect(result.ok).toBe(true);
    expect(ports.documentStore.keys()).toEqual([]);
    const stored = await ports.customerRepo.get(inReview.applicationId);
    const text = JSON.stringify(stored);
    for (const pii of [
      form.firstName,
      form.lastName,
      form.dateOfBirth,
      form.licenseNumber,
      form.address.line1,
      form.email ?? "?",
      "Maria Garcia",
    ])
      expect(text).not.toContain(pii);
    expect(stored?.status).toBe("REJECTED");
    expect(stored?.reasons.map((r) => r.code)).toContain("REVIEW_REJECTED");
    expect(stored?.checks.faceMatch?.similarity).toBe(88);
    expect(stored?.review).toMatchObject({ reviewerId: "reviewer-1", decision: "REJECT" });
    expect(stored?.audit.at(-1)).toMatchObject({
      step: "erasure",
      detail: { requestedBy: "dpo-1", reason: "CUSTOMER_REQUEST" },
    });
    expect(stored?.erasedAt).toBeDefined();
  });

  it("is idempotent, and refuses an application still being processed", async () => {
    const ports = arrange();
    const inReview = await toReview(ports);
    const upload = await ports.documentStore.putUpload(
      "uploads/pending.zip",
      aSubmissionZip({ form, selfieSeed: 9 }),
    );
    const pending = await processSubmission(ports, { upload });

    const inProgress = await eraseApplication(ports, {
      applicationId: pending.applicationId,
      requestedBy: "dpo",
      reason: "OTHER",
    });
    const inReviewRefused = await eraseApplication(ports, {
      applicationId: inReview.applicationId,
      requestedBy: "dpo",
      reason: "OTHER",
    });

    expect(pending.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(inProgress).toMatchObject({ ok: false, error: { code: "APPLICATION_IN_PROGRESS" } });
    expect(inReviewRefused).toMatchObject({ ok: false, error: { code: "APPLICATION_IN_PROGRESS" } });
  });

  it("erases decided applications past their PII retention, and only those", async () => {
    const clock = new FixedClock("2020-01-15T10:00:00.000Z");
    const ports = arrange(clock);
    ports.faceMatcher.scriptDefault({ ...borderline, similarity: 99 });
    const old = await toReview(ports, "uploads/old.zip");
    clock.set("2026-01-10T10:00:00.000Z");
    const recent = await toReview(ports, "uploads/recent.zip", 4);
    clock.set("2026-01-15T10:00:00.000Z");

    const first = await eraseExpiredApplications(ports, { retention: { piiDays: 1825 } });
    const second = await eraseExpiredApplications(ports, { retention: { piiDays: 1825 } });

    expect([old.status, recent.status]).toEqual(["APPROVED", "APPROVED"]);
    expect(first).toEqual({ erased: 1 });
    expect(second).toEqual({ erased: 0 });
    expect((await ports.customerRepo.get(old.applicationId))?.applicant).toBeUndefined();
    expect((await ports.customerRepo.get(recent.applicationId))?.applicant).toEqual(form);
  });
});
