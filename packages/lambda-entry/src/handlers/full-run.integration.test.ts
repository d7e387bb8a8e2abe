import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CompareFacesCommand,
  type CompareFacesResponse,
  RekognitionClient,
} from "@aws-sdk/client-rekognition";
import { AnalyzeIDCommand, type AnalyzeIDResponse, TextractClient } from "@aws-sdk/client-textract";
import { deriveApplicationId } from "@onboarding/core";
import { anApplicationForm, aSubmissionZip } from "@onboarding/core/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import license from "../../../aws-adapters/src/__fixtures__/analyze-id-license.json" with { type: "json" };
import match from "../../../aws-adapters/src/__fixtures__/compare-faces-match.json" with { type: "json" };
import { captureOutput, jsonLines } from "../test-support/captured-output.js";
import {
  createLocalResources,
  drain,
  getItem,
  lambdaContext,
  localClients,
  localServerEnv,
  putUpload,
  s3EncodeKey,
  s3Event,
  sqsEvent,
  TEST_CUSTOMER_REF_KEY,
} from "../test-support/local-aws.js";

/**
 * Both functions as Lambda loads them: the entry modules read `process.env` at import and build
 * their own clients, pointed at the local servers only through the SDK's standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables. Every line written to stdout and stderr during the run
 * is captured and searched for the applicant's PII and for the upload's key, which holds a name.
 */
describe("a full run, intake then worker, through the entry modules", () => {
  const form = anApplicationForm();
  const key = "uploads/Maria Garcia's application.zip";
  const saved = { ...process.env };
  const clients = localClients();
  let licenseApi: Server;
  let output: ReturnType<typeof captureOutput>;

  beforeAll(async () => {
    const resources = await createLocalResources(clients);
    licenseApi = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "VALID", reference: "ref-1" }));
    });
    await new Promise<void>((resolve) => licenseApi.listen(0, "127.0.0.1", resolve));
    Object.assign(process.env, {
      ...localServerEnv(),
      DOCUMENT_BUCKET: resources.bucket,
      UPLOAD_PREFIX: "uploads/",
      DOCUMENTS_PREFIX: "applications/",
      APPLICATIONS_TABLE: resources.tableName,
      APPLICATION_RETENTION_DAYS: "30",
      VALIDATION_QUEUE_URL: resources.validationQueueUrl,
      LICENSE_VALIDATION_API_URL: `http://127.0.0.1:${(licenseApi.address() as AddressInfo).port}`,
      LICENSE_VALIDATION_TIMEOUT_MS: "2000",
      NOTIFICATION_TOPIC_ARN: resources.topicArn,
      FACE_PASS_SIMILARITY: "95",
      FACE_REVIEW_SIMILARITY: "80",
      // No local server speaks Secrets Manager: the local-run fallback.
      CUSTOMER_REF_KEY: TEST_CUSTOMER_REF_KEY,
      POWERTOOLS_SERVICE_NAME: "onboarding",
      POWERTOOLS_METRICS_NAMESPACE: "Onboarding",
      POWERTOOLS_LOG_LEVEL: "DEBUG",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    // No local server speaks Rekognition or Textract: every client of those classes is mocked.
    mockClient(RekognitionClient)
      .on(CompareFacesCommand)
      .resolves(match as CompareFacesResponse);
    mockClient(TextractClient)
      .on(AnalyzeIDCommand)
      .resolves(license as AnalyzeIDResponse);
  });

  afterAll(async () => {
    output?.restore();
    process.env = saved;
    await new Promise((resolve) => licenseApi.close(resolve));
  });

  it("approves the applicant, and nothing written to the logs holds their PII or the upload's key", async () => {
    const bytes = aSubmissionZip({ form });
    const eTag = await putUpload(clients.s3, process.env.DOCUMENT_BUCKET ?? "", key, bytes);
    const applicationId = await deriveApplicationId({
      bucket: process.env.DOCUMENT_BUCKET ?? "",
      key,
      version: eTag,
    });
    output = captureOutput();

    const { handler: intake } = await import("./intake.js");
    const { handler: worker } = await import("./license-validation-worker.js");
    await intake(
      s3Event([{ bucket: process.env.DOCUMENT_BUCKET ?? "", key, eTag, size: bytes.byteLength }]),
      lambdaContext("intake-request-1"),
    );
    const requests = await drain(process.env.VALIDATION_QUEUE_URL ?? "");
    const response = await worker(sqsEvent(requests), lambdaContext("worker-request-1"));
    output.restore();

    expect(requests).toHaveLength(1);
    expect(response).toEqual({ batchItemFailures: [] });
    const item = await getItem(clients.dynamodb, process.env.APPLICATIONS_TABLE ?? "", applicationId);
    expect(item).toMatchObject({ status: "APPROVED", outbox: [] });

    const lines = output.lines();
    const logged = lines.join("\n");
    for (const pii of [
      form.firstName,
      form.middleName ?? "",
      form.lastName,
      form.dateOfBirth,
      form.address.line1,
      form.address.line2 ?? "",
      form.address.postalCode,
      form.licenseNumber,
      form.email ?? "",
      form.phone ?? "",
      key,
      s3EncodeKey(key),
    ]) {
      expect(pii.length).toBeGreaterThan(3);
      expect(logged).not.toContain(pii);
    }
    const entries = jsonLines(lines);
    // Structured logs: the application id and each invocation's request id.
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: "submission processed",
          applicationId,
          function_request_id: "intake-request-1",
          status: "AWAITING_LICENSE_VALIDATION",
        }),
        expect.objectContaining({
          message: "license validation recorded",
          applicationId,
          function_request_id: "worker-request-1",
          status: "APPROVED",
        }),
      ]),
    );
    // Metrics (EMF): the decision and each check, by outcome.
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Decision: 1, status: "AWAITING_LICENSE_VALIDATION" }),
        expect.objectContaining({ FaceMatch: 1, outcome: "PASS" }),
        expect.objectContaining({ Decision: 1, status: "APPROVED" }),
        expect.objectContaining({ LicenseValidation: 1, outcome: "PASS" }),
      ]),
    );
  });
});
