import { anApplicationForm, anApplicationRecord } from "@onboarding/core/testing";
import { createInMemoryPorts, FixedClock } from "@onboarding/in-memory-adapters";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureOutput, jsonLines, testTelemetry } from "../test-support/captured-output.js";
import { lambdaContext } from "../test-support/local-aws.js";
import { createRetentionJobHandler } from "./create-retention-job-handler.js";

const form = anApplicationForm();
/** An EventBridge scheduled event, as documented; the job does not read it. */
const scheduled = {
  version: "0",
  id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: "2031-01-20T03:00:00Z",
  region: "eu-west-1",
  resources: ["arn:aws:events:eu-west-1:123456789012:rule/onboarding-retention"],
  detail: {},
};

describe("the retention job", () => {
  let output: ReturnType<typeof captureOutput>;
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it("erases the PII and documents of decided applications older than piiDays, and nothing else", async () => {
    const ports = createInMemoryPorts({ clock: new FixedClock("2031-01-20T03:00:00.000Z") });
    const old = anApplicationRecord({
      status: "REJECTED",
      createdAt: "2026-01-10T10:00:00.000Z",
      applicant: form,
    });
    const recent = anApplicationRecord({
      status: "APPROVED",
      createdAt: "2026-03-01T10:00:00.000Z",
      applicant: form,
    });
    const stuck = anApplicationRecord({
      status: "MANUAL_REVIEW",
      createdAt: "2025-06-01T10:00:00.000Z",
      applicant: form,
    });
    for (const record of [old, recent, stuck]) await ports.customerRepo.create(record);
    await ports.documentStore.putDocument({
      applicationId: old.applicationId,
      name: "selfie.jpg",
      contentType: "image/jpeg",
      bytes: new Uint8Array([1]),
    });
    const handler = createRetentionJobHandler({ deps: ports, retention: { piiDays: 1825 } }, testTelemetry());

    const first = await handler(scheduled, lambdaContext("retention-1"));
    const second = await handler(scheduled, lambdaContext("retention-2"));

    expect(first).toEqual({ erased: 1 });
    expect(second).toEqual({ erased: 0 });
    const erased = await ports.customerRepo.get(old.applicationId);
    expect(erased).toMatchObject({ status: "REJECTED", erasedAt: "2031-01-20T03:00:00.000Z" });
    expect(erased?.applicant).toBeUndefined();
    expect(erased?.audit.at(-1)).toMatchObject({
      step: "erasure",
      detail: { requestedBy: "retention-job", reason: "RETENTION_EXPIRED" },
    });
    expect((await ports.customerRepo.get(recent.applicationId))?.applicant).toEqual(form);
    // Never decided: not erased by the job, whatever its age (a reviewer or a DPO decides).
    expect((await ports.customerRepo.get(stuck.applicationId))?.applicant).toEqual(form);
    expect(ports.documentStore.keys()).toEqual([]);
    expect(jsonLines(output.lines())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: "retention job finished",
          erased: 1,
          function_request_id: "retention-1",
        }),
        expect.objectContaining({ ApplicationsErasedByRetention: 1 }),
      ]),
    );
    expect(output.lines().join("\n")).not.toContain(form.lastName);
  });

  it("uses the configured piiDays", async () => {
    const ports = createInMemoryPorts({ clock: new FixedClock("2026-03-01T00:00:00.000Z") });
    const record = anApplicationRecord({ status: "APPROVED", createdAt: "2026-01-01T00:00:00.000Z" });
    await ports.customerRepo.create(record);

    const kept = await createRetentionJobHandler(
      { deps: ports, retention: { piiDays: 90 } },
      testTelemetry(),
    )(scheduled, lambdaContext());
    const erased = await createRetentionJobHandler(
      { deps: ports, retention: { piiDays: 30 } },
      testTelemetry(),
    )(scheduled, lambdaContext());

    expect([kept, erased]).toEqual([{ erased: 0 }, { erased: 1 }]);
  });

  it("throws a fault so that Lambda retries the scheduled run, logging its code only", async () => {
    const ports = createInMemoryPorts();
    const deps = {
      ...ports,
      customerRepo: Object.assign(Object.create(ports.customerRepo), {
        listByStatus: async () => {
          throw new Error(`table unreachable for ${form.lastName}`);
        },
      }),
    };

    await expect(
      createRetentionJobHandler({ deps, retention: { piiDays: 30 } }, testTelemetry())(
        scheduled,
        lambdaContext(),
      ),
    ).rejects.toThrow("table unreachable");
    expect(jsonLines(output.lines())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: "retention job failed", errorName: "Error" }),
      ]),
    );
    expect(output.lines().join("\n")).not.toContain(form.lastName);
  });
});
