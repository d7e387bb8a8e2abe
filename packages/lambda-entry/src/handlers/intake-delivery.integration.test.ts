import { CompareFacesCommand, type CompareFacesResponse } from "@aws-sdk/client-rekognition";
import { AnalyzeIDCommand, type AnalyzeIDResponse } from "@aws-sdk/client-textract";
import { DependencyFault, deriveApplicationId, type ProcessSubmissionDeps } from "@onboarding/core";
import { anApplicationForm, aSubmissionZip } from "@onboarding/core/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import license from "../../../aws-adapters/src/__fixtures__/analyze-id-license.json" with { type: "json" };
import match from "../../../aws-adapters/src/__fixtures__/compare-faces-match.json" with { type: "json" };
import { composeIntake, type IntakeClients } from "../compose.js";
import { captureOutput, testTelemetry } from "../test-support/captured-output.js";
import {
  createLocalResources,
  drain,
  getItem,
  intakeConfigFor,
  type LocalResources,
  lambdaContext,
  listKeys,
  localClients,
  notificationsOf,
  putUpload,
  s3Event,
  TEST_CUSTOMER_REF_KEY,
  uniqueName,
} from "../test-support/local-aws.js";
import { createIntakeHandler, IntakeFailedError } from "./create-intake-handler.js";

/**
 * Delivery semantics of the intake function against the local servers (s3rver, DynamoDB Local,
 * fauxqs; Rekognition and Textract mocked with documented responses): an upload delivered twice,
 * twice at once, and after a fault at each step, ends with one application, one set of documents,
 * one validation request and one notification per event.
 */
describe("intake delivery semantics", () => {
  const form = anApplicationForm();
  let clients: IntakeClients;
  let resources: LocalResources;
  let now: Date;
  const clock = { now: () => now };
  let output: ReturnType<typeof captureOutput>;

  /** Lambda retries an async event after 1 and 2 minutes: past the 60 s claim lease. */
  const waitForRetry = () => {
    now = new Date(now.getTime() + 61_000);
  };

  beforeAll(async () => {
    clients = localClients();
    resources = await createLocalResources(clients);
    mockClient(clients.rekognition)
      .on(CompareFacesCommand)
      .resolves(match as CompareFacesResponse);
    mockClient(clients.textract)
      .on(AnalyzeIDCommand)
      .resolves(license as AnalyzeIDResponse);
  });
  beforeEach(() => {
    now = new Date("2026-05-01T12:00:00.000Z");
    output = captureOutput();
    return () => output.restore();
  });
  afterAll(() => output.restore());

  /** A handler on its own composition (its own clients for the local servers), as a Lambda container has. */
  const handlerWith = (wrap: (deps: ProcessSubmissionDeps) => ProcessSubmissionDeps = (d) => d) => {
    const own = { ...localClients(), rekognition: clients.rekognition, textract: clients.textract };
    const intake = composeIntake(intakeConfigFor(resources), { customerRefKey: TEST_CUSTOMER_REF_KEY }, own);
    return createIntakeHandler({ ...intake, deps: wrap({ ...intake.deps, clock }) }, testTelemetry());
  };

  const upload = async (name = "Maria Garcia's application") => {
    const key = `uploads/${uniqueName(name)}.zip`;
    const bytes = aSubmissionZip({ form });
    const eTag = await putUpload(clients.s3, resources.bucket, key, bytes);
    const event = s3Event([{ bucket: resources.bucket, key, eTag, size: bytes.byteLength }]);
    const applicationId = await deriveApplicationId({ bucket: resources.bucket, key, version: eTag });
    return { event, applicationId };
  };

  /** Everything the application left behind, messages drained from their queues. */
  const effectsOf = async (applicationId: string) => {
    const item = await getItem(clients.dynamodb, resources.tableName, applicationId);
    const documents = await listKeys(clients.s3, resources.bucket, `applications/${applicationId}/`);
    const requests = (await drain(resources.validationQueueUrl)).map(
      (m) => JSON.parse(m.Body ?? "{}") as { applicationId: string; requestId: string },
    );
    const notifications = notificationsOf(await drain(resources.notificationsQueueUrl));
    return { item, documents, requests, notifications };
  };

  /** Exactly once: what one clean run of one upload produces. */
  const expectEffectsOnce = async (applicationId: string) => {
    const { item, documents, requests, notifications } = await effectsOf(applicationId);
    expect(item).toMatchObject({ applicationId, status: "AWAITING_LICENSE_VALIDATION", outbox: [] });
    expect(item?.effectsDone).toHaveLength(3);
    expect(documents).toEqual(
      ["application.csv", "license.png", "selfie.png"].map((n) => `applications/${applicationId}/${n}`),
    );
    expect(requests).toEqual([
      expect.objectContaining({ applicationId, requestId: `${applicationId}:license-validation` }),
    ]);
    expect(notifications.map((n) => n.notificationId).sort()).toEqual([
      `${applicationId}:face-match`,
      `${applicationId}:identity`,
    ]);
  };

  it("processes an upload delivered twice once", async () => {
    const { event, applicationId } = await upload();
    const handler = handlerWith();

    await handler(event, lambdaContext());
    await handler(event, lambdaContext());

    await expectEffectsOnce(applicationId);
  });

  it("processes an upload delivered twice at the same moment once", async () => {
    const { event, applicationId } = await upload();
    const [first, second] = [handlerWith(), handlerWith()];

    const results = await Promise.allSettled([
      first(event, lambdaContext("a")),
      second(event, lambdaContext("b")),
    ]);

    // The worker that lost the race for the messages backs off with a retryable error...
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(IntakeFailedError);
        expect(result.reason).toMatchObject({ retryable: true, failures: [{ code: "EFFECTS_IN_FLIGHT" }] });
      }
    }
    // ...and Lambda's retry of its event finds the work done.
    waitForRetry();
    await first(event, lambdaContext("c"));
    await second(event, lambdaContext("d"));
    await expectEffectsOnce(applicationId);
  });

  /** Wraps one port method to fail (retryably) on its `nth` call, as a crash or an outage there would. */
  const failing =
    <P extends keyof ProcessSubmissionDeps>(port: P, method: string, nth = 1) =>
    (deps: ProcessSubmissionDeps): ProcessSubmissionDeps => {
      const target = deps[port] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      let calls = 0;
      const wrapped = new Proxy(target, {
        get(object, property, receiver) {
          const value = Reflect.get(object, property, receiver);
          if (typeof value !== "function") return value;
          // Adapters keep their clients in private fields: call them on the adapter, not the proxy.
          if (property !== method) return value.bind(object);
          return async (...args: unknown[]) => {
            calls += 1;
            if (calls === nth) throw new DependencyFault(String(port), "injected fault", { retryable: true });
            return (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          };
        },
      });
      return { ...deps, [port]: wrapped };
    };

  it.each([
    ["S3 read of the upload", failing("documentStore", "readUpload")],
    ["S3 put of a document", failing("documentStore", "putDocument", 2)],
    ["DynamoDB create", failing("customerRepo", "create")],
    ["DynamoDB save of the checks", failing("customerRepo", "save")],
    ["Rekognition", failing("faceMatcher", "compareFaces")],
    ["Textract", failing("idExtractor", "extractIdentity")],
    ["SQS send", failing("validationQueue", "requestLicenseValidation")],
    ["SNS publish", failing("notifier", "notify", 2)],
  ])("resumes after a fault at the %s without repeating a side effect", async (_step, wrap) => {
    const { event, applicationId } = await upload();

    await expect(handlerWith(wrap)(event, lambdaContext("first"))).rejects.toMatchObject({ retryable: true });
    waitForRetry();
    await handlerWith()(event, lambdaContext("retry"));

    await expectEffectsOnce(applicationId);
  });

  it("after a fault between sending and recording, resends only with the same ids", async () => {
    // The save that records the sent messages is the second save of a clean run: messages out,
    // not recorded. ADR 0001: a consumer drops the resend by its id.
    const { event, applicationId } = await upload();

    await expect(
      handlerWith(failing("customerRepo", "save", 2))(event, lambdaContext("first")),
    ).rejects.toMatchObject({ retryable: true });
    waitForRetry();
    await handlerWith()(event, lambdaContext("retry"));

    const { item, documents, requests, notifications } = await effectsOf(applicationId);
    expect(item).toMatchObject({ status: "AWAITING_LICENSE_VALIDATION", outbox: [] });
    expect(documents).toHaveLength(3);
    expect(new Set(requests.map((r) => r.requestId))).toEqual(
      new Set([`${applicationId}:license-validation`]),
    );
    expect(new Set(notifications.map((n) => n.notificationId))).toEqual(
      new Set([`${applicationId}:face-match`, `${applicationId}:identity`]),
    );
  });
});
