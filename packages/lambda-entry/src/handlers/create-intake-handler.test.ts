import {
  type ApplicationRecord,
  type CustomerRepo,
  DependencyFault,
  type DocumentStore,
  deriveApplicationId,
  type FaceMatcher,
  type IdExtractor,
  type Notifier,
  type ProcessSubmissionDeps,
  type ValidationQueue,
} from "@onboarding/core";
import { anApplicationRecord } from "@onboarding/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Intake } from "../compose.js";
import { captureOutput, jsonLines, stubPort, testTelemetry } from "../test-support/captured-output.js";
import { lambdaContext, s3Event } from "../test-support/local-aws.js";
import { createIntakeHandler, IntakeFailedError } from "./create-intake-handler.js";

const BUCKET = "onboarding-documents";

/** Ports that record which applications were looked up; anything else is a test failure. */
function stubIntake(stored: Map<string, ApplicationRecord | Error>): { intake: Intake; lookedUp: string[] } {
  const lookedUp: string[] = [];
  const deps: ProcessSubmissionDeps = {
    customerRepo: stubPort<CustomerRepo>({
      get: async (id) => {
        lookedUp.push(id);
        const found = stored.get(id);
        if (found instanceof Error) throw found;
        return found;
      },
    }),
    documentStore: stubPort<DocumentStore>({}),
    faceMatcher: stubPort<FaceMatcher>({}),
    idExtractor: stubPort<IdExtractor>({}),
    validationQueue: stubPort<ValidationQueue>({}),
    notifier: stubPort<Notifier>({}),
    clock: { now: () => new Date("2026-05-01T12:00:00.000Z") },
  };
  return { intake: { deps, options: {}, bucket: BUCKET, uploadPrefix: "uploads/" }, lookedUp };
}

/** The object at `keys` in a record, to spoil it. */
const field = (record: unknown, ...keys: string[]): Record<string, unknown> =>
  keys.reduce((o, k) => o[k] as Record<string, unknown>, record as Record<string, unknown>);

const idOf = (key: string, eTag = "d41d8cd98f00b204e9800998ecf8427e") =>
  deriveApplicationId({ bucket: BUCKET, key, version: eTag });

describe("the intake handler", () => {
  let output: ReturnType<typeof captureOutput>;
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => output.restore());

  it("ignores objects outside the upload prefix, not ending in .zip, and other events", async () => {
    const { intake, lookedUp } = stubIntake(new Map());
    const handler = createIntakeHandler(intake, testTelemetry());
    const event = s3Event(
      ["other/a.zip", "uploads/a.csv", "applications/x/application.csv", "uploads/", "uploads/a.zip.txt"].map(
        (key) => ({ bucket: BUCKET, key }),
      ),
    );
    const removed = s3Event([{ bucket: BUCKET, key: "uploads/a.zip" }]);
    const [record] = removed.Records;
    if (record) record.eventName = "ObjectRemoved:Delete";

    await handler(event, lambdaContext());
    await handler(removed, lambdaContext());

    expect(lookedUp).toEqual([]);
  });

  it("processes the decoded key, with the version id, else the ETag, as the version", async () => {
    const { intake, lookedUp } = stubIntake(new Map());
    const handler = createIntakeHandler(intake, testTelemetry());
    const withVersion = s3Event([{ bucket: BUCKET, key: "uploads/John Doe's app.ZIP", versionId: "v-1" }]);
    const withETag = s3Event([{ bucket: BUCKET, key: "uploads/John Doe's app.ZIP", eTag: "abc" }]);

    // Nothing stored and no document store: each record fails at the read, after the lookup.
    await expect(handler(withVersion, lambdaContext())).rejects.toThrow(IntakeFailedError);
    await expect(handler(withETag, lambdaContext())).rejects.toThrow(IntakeFailedError);

    expect(lookedUp).toEqual([
      await deriveApplicationId({ bucket: BUCKET, key: "uploads/John Doe's app.ZIP", version: "v-1" }),
      await deriveApplicationId({ bucket: BUCKET, key: "uploads/John Doe's app.ZIP", version: "abc" }),
    ]);
  });

  it("runs every record even when one fails, then throws a retryable error when any fault is retryable", async () => {
    const stored = new Map<string, ApplicationRecord | Error>([
      [await idOf("uploads/a.zip"), new DependencyFault("dynamodb", "timed out", { retryable: true })],
      [
        await idOf("uploads/c.zip"),
        anApplicationRecord({ applicationId: await idOf("uploads/c.zip"), status: "REJECTED" }),
      ],
    ]);
    const { intake, lookedUp } = stubIntake(stored);
    const handler = createIntakeHandler(intake, testTelemetry());
    const event = s3Event([
      { bucket: BUCKET, key: "uploads/a.zip" },
      { bucket: BUCKET, key: "uploads/b.zip" },
      { bucket: BUCKET, key: "uploads/c.zip" },
    ]);
    const [, second] = event.Records;
    if (second) (second as { s3?: unknown }).s3 = undefined;

    const error = await handler(event, lambdaContext()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IntakeFailedError);
    expect(error).toMatchObject({
      retryable: true,
      total: 3,
      failures: [
        { code: "DEPENDENCY_UNAVAILABLE", retryable: true },
        { code: "RECORD_INVALID", retryable: false },
      ],
    });
    expect(lookedUp).toEqual([await idOf("uploads/a.zip"), await idOf("uploads/c.zip")]);
    expect(jsonLines(output.lines())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: "submission failed",
          applicationId: await idOf("uploads/a.zip"),
          errorName: "DependencyFault",
          code: "DEPENDENCY_UNAVAILABLE",
          retryable: true,
          dependency: "dynamodb",
        }),
      ]),
    );
    const metrics = jsonLines(output.lines()).filter((l) => "_aws" in l);
    expect(metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ IntakeRetryableFault: 1, IntakePermanentFault: 1 }),
        expect.objectContaining({ Decision: 1, status: "REJECTED" }),
      ]),
    );
  });

  it("throws a non-retryable error when every failure is permanent (the event goes to the DLQ)", async () => {
    const { intake } = stubIntake(new Map());
    const handler = createIntakeHandler(intake, testTelemetry());

    await expect(
      handler(s3Event([{ bucket: "someone-elses-bucket", key: "uploads/a.zip" }]), lambdaContext()),
    ).rejects.toMatchObject({ retryable: false, failures: [{ code: "FOREIGN_BUCKET", retryable: false }] });
    await expect(handler({ Service: "Amazon S3" } as never, lambdaContext())).rejects.toMatchObject({
      retryable: false,
      failures: [{ code: "EVENT_INVALID", retryable: false }],
    });
  });

  it.each<[string, (record: unknown) => void, string, string]>([
    ["without a bucket name", (r) => delete field(r, "s3", "bucket").name, "s3.bucket.name", "invalid_type"],
    ["from another event source", (r) => (field(r).eventSource = "aws:sqs"), "eventSource", "invalid_value"],
    ["with a malformed event time", (r) => (field(r).eventTime = "yesterday"), "eventTime", "invalid_format"],
    ["with a string size", (r) => (field(r, "s3", "object").size = "12"), "s3.object.size", "invalid_type"],
    ["without responseElements", (r) => delete field(r).responseElements, "responseElements", "invalid_type"],
  ])("refuses a record %s, logging the path and code of the issue", async (_case, spoil, path, code) => {
    const { intake, lookedUp } = stubIntake(new Map());
    const handler = createIntakeHandler(intake, testTelemetry());
    const event = s3Event([{ bucket: BUCKET, key: "uploads/a.zip" }]);
    spoil(event.Records[0]);

    await expect(handler(event, lambdaContext())).rejects.toMatchObject({
      retryable: false,
      failures: [{ code: "RECORD_INVALID", retryable: false }],
    });
    expect(lookedUp).toEqual([]);
    expect(jsonLines(output.lines())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: "S3 record does not match the S3 event schema",
          issues: [{ path, code }],
        }),
      ]),
    );
  });

  it("accepts a record without an object size, version id or sequencer", async () => {
    const { intake, lookedUp } = stubIntake(new Map());
    const handler = createIntakeHandler(intake, testTelemetry());
    const event = s3Event([{ bucket: BUCKET, key: "uploads/a.zip", versionId: "v-1" }]);
    for (const name of ["size", "versionId", "sequencer"])
      delete field(event.Records[0], "s3", "object")[name];

    await handler(event, lambdaContext()).catch(() => undefined);

    expect(lookedUp).toEqual([await idOf("uploads/a.zip")]);
  });

  it("accepts a record whose source address is IPv6", async () => {
    const { intake, lookedUp } = stubIntake(new Map());
    const handler = createIntakeHandler(intake, testTelemetry());
    const event = s3Event([{ bucket: BUCKET, key: "uploads/a.zip" }]);
    const [record] = event.Records;
    if (record) record.requestParameters.sourceIPAddress = "2001:db8::7";

    await handler(event, lambdaContext()).catch(() => undefined);

    expect(lookedUp).toEqual([await idOf("uploads/a.zip")]);
  });
});
