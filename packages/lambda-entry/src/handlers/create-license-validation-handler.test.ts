import {
  type ApplicationRecord,
  type CompleteLicenseValidationDeps,
  type CustomerRepo,
  DependencyFault,
  type LicenseValidationRequest,
} from "@onboarding/core";
import { anApplicationRecord } from "@onboarding/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureOutput, jsonLines, stubPort, testTelemetry } from "../test-support/captured-output.js";
import { lambdaContext, sqsEvent } from "../test-support/local-aws.js";
import { createLicenseValidationHandler } from "./create-license-validation-handler.js";

const NOW = new Date("2026-05-01T12:00:00.000Z");

function stubDeps(records: ApplicationRecord[]) {
  const stored = new Map(records.map((r) => [r.applicationId, r]));
  const notified: string[] = [];
  const deps: CompleteLicenseValidationDeps = {
    customerRepo: stubPort<CustomerRepo>({
      get: async (id) => stored.get(id),
      save: async (record) => {
        stored.set(record.applicationId, record);
      },
    }),
    licenseValidator: {
      validateLicense: async ({ licenseNumber }) => {
        if (licenseNumber === "DOWN") throw new DependencyFault("license-api", "503", { retryable: true });
        return { status: "VALID", provider: "stub" };
      },
    },
    validationQueue: { requestLicenseValidation: async () => undefined },
    notifier: {
      notify: async (n) => {
        notified.push(n.notificationId);
      },
    },
    clock: { now: () => NOW },
  };
  return { deps, stored, notified };
}

const awaiting = (applicationId: string) =>
  anApplicationRecord({
    applicationId,
    status: "AWAITING_LICENSE_VALIDATION",
    checks: {
      faceMatch: {
        outcome: "PASS",
        reason: "FACE_MATCH",
        engine: "test",
        checkedAt: NOW.toISOString(),
        bands: { pass: 95, review: 80 },
      },
      identity: { outcome: "PASS", reason: "IDENTITY_MATCH", engine: "test", checkedAt: NOW.toISOString() },
    },
  });

const request = (applicationId: string, licenseNumber = "D1234567"): LicenseValidationRequest => ({
  applicationId,
  requestId: `${applicationId}:license-validation`,
  licenseNumber,
  issuingState: "CA",
  requestedAt: NOW.toISOString(),
});

describe("the license-validation worker", () => {
  let output: ReturnType<typeof captureOutput>;
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it("reports only the messages that failed, and records the others", async () => {
    const { deps, stored, notified } = stubDeps([awaiting("app-ok"), awaiting("app-down")]);
    const handler = createLicenseValidationHandler(deps, testTelemetry(), { fifo: false });
    const event = sqsEvent([
      { MessageId: "ok", Body: JSON.stringify(request("app-ok")) },
      { MessageId: "not-json", Body: '{"licenseNumber": "D7654321", "name": "Maria' },
      { MessageId: "wrong-shape", Body: JSON.stringify({ applicationId: "app-ok", licenseNumber: 42 }) },
      { MessageId: "unknown-application", Body: JSON.stringify(request("app-missing")) },
      { MessageId: "provider-down", Body: JSON.stringify(request("app-down", "DOWN")) },
    ]);

    const response = await handler(event, lambdaContext());

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([
      "not-json",
      "provider-down",
      "unknown-application",
      "wrong-shape",
    ]);
    expect(stored.get("app-ok")?.status).toBe("APPROVED");
    expect(stored.get("app-down")?.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(notified.sort()).toEqual(["app-ok:decision", "app-ok:license-validation-result"]);
    const logged = output.lines().join("\n");
    expect(logged).not.toContain("D7654321");
    expect(logged).not.toContain("Maria");
    expect(jsonLines(output.lines())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ MalformedMessage: [1, 1], LicenseValidationFault: [1, 1] }),
        expect.objectContaining({ Decision: 1, status: "APPROVED" }),
        expect.objectContaining({ LicenseValidation: 1, outcome: "PASS" }),
      ]),
    );
  });

  it("logs the path and code of what is wrong with a message, never the body", async () => {
    const { deps } = stubDeps([]);
    const handler = createLicenseValidationHandler(deps, testTelemetry(), { fifo: false });
    const event = sqsEvent([
      { MessageId: "not-json", Body: '{"licenseNumber": "D7654321"' },
      { MessageId: "wrong-shape", Body: JSON.stringify({ ...request("app-1"), requestedAt: "yesterday" }) },
      { MessageId: "no-id", Body: JSON.stringify(request("app-1")) },
      { MessageId: "not-sqs", Body: JSON.stringify(request("app-1")) },
    ]);
    const [, , noId, notSqs] = event.Records;
    if (noId) delete (noId as Partial<typeof noId>).messageId;
    if (notSqs) notSqs.eventSource = "aws:sns";

    const response = await handler(event, lambdaContext());

    expect(response.batchItemFailures).toHaveLength(4);
    const refused = jsonLines(output.lines()).filter(
      (l) => l.message === "message is not a license validation request",
    );
    expect(refused.map((l) => l.issues)).toEqual([
      [{ path: "body", code: "custom" }],
      [{ path: "body.requestedAt", code: "invalid_format" }],
      [{ path: "messageId", code: "invalid_type" }],
      [{ path: "eventSource", code: "invalid_value" }],
    ]);
    expect(output.lines().join("\n")).not.toContain("D7654321");
  });

  it("answers with every message rather than throwing when the whole batch failed", async () => {
    const { deps } = stubDeps([]);
    const handler = createLicenseValidationHandler(deps, testTelemetry(), { fifo: false });

    const response = await handler(
      sqsEvent([
        { MessageId: "a", Body: "" },
        { MessageId: "b", Body: "[]" },
      ]),
      lambdaContext(),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "a" }, { itemIdentifier: "b" }] });
  });

  it("on a FIFO queue, stops at the first failure and returns it with every message after it", async () => {
    const { deps, stored } = stubDeps([awaiting("app-1"), awaiting("app-3")]);
    const handler = createLicenseValidationHandler(deps, testTelemetry(), { fifo: true });
    const event = sqsEvent([
      { MessageId: "1", Body: JSON.stringify(request("app-1")) },
      { MessageId: "2", Body: "oops" },
      { MessageId: "3", Body: JSON.stringify(request("app-3")) },
    ]);

    const response = await handler(event, lambdaContext());

    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(["2", "3"]);
    expect(stored.get("app-1")?.status).toBe("APPROVED");
    expect(stored.get("app-3")?.status).toBe("AWAITING_LICENSE_VALIDATION");
  });
});
