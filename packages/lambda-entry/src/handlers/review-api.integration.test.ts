import { PutObjectCommand } from "@aws-sdk/client-s3";
import { deriveApplicationId } from "@onboarding/core";
import { anApplicationForm, anApplicationRecord } from "@onboarding/core/testing";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeReviewApi } from "../compose.js";
import type { ReviewApiConfig } from "../config.js";
import { captureOutput, testTelemetry } from "../test-support/captured-output.js";
import { ACCESS, httpEvent, PRINCIPALS } from "../test-support/http-api.js";
import {
  createLocalResources,
  drain,
  getItem,
  type LocalResources,
  lambdaContext,
  listKeys,
  localClients,
  localServers,
  notificationsOf,
  putUpload,
  s3EncodeKey,
} from "../test-support/local-aws.js";
import { createReviewApiHandler } from "./create-review-api-handler.js";

/**
 * The review API on the AWS adapters against DynamoDB Local, s3rver and fauxqs: two reviewers
 * deciding at once from two containers (conditional puts decide), then an erasure that must leave
 * no PII in the item, no object in the bucket and nothing in the logs.
 */
describe("the review API against the local servers", () => {
  const form = anApplicationForm();
  const key = "uploads/Maria Garcia's application.zip";
  const comment = `license photo matches ${form.firstName} ${form.lastName}, ${form.address.line1}`;
  let resources: LocalResources;
  let output: ReturnType<typeof captureOutput>;
  const clients = localClients();

  const config = (): ReviewApiConfig => ({
    region: localServers().region,
    tableName: resources.tableName,
    retentionDays: 2555,
    bucket: resources.bucket,
    documentsPrefix: "applications/",
    validationQueueUrl: resources.validationQueueUrl,
    notificationTopicArn: resources.topicArn,
    reviewerPrincipals: ACCESS.reviewers,
    dataProtectionOfficerPrincipals: ACCESS.dataProtectionOfficers,
  });
  /** A handler on its own clients, as one Lambda container has. */
  const container = () =>
    createReviewApiHandler(
      { deps: composeReviewApi(config(), localClients()), access: ACCESS },
      testTelemetry(),
    );
  const invoke = async (handler: ReturnType<typeof container>, event: ReturnType<typeof httpEvent>) => {
    const response = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
    return { status: response.statusCode, body: JSON.parse(String(response.body)) };
  };

  beforeAll(async () => {
    resources = await createLocalResources(clients);
  });
  afterAll(() => output?.restore());

  it("lets one of two racing reviewers decide, then erases every trace of the applicant's PII", async () => {
    // Arrange: an application in review, as intake and the worker leave it, with its upload and documents.
    const eTag = await putUpload(clients.s3, resources.bucket, key, new Uint8Array([80, 75, 3, 4]));
    const upload = { bucket: resources.bucket, key, version: eTag, size: 4 };
    const applicationId = await deriveApplicationId(upload);
    await composeReviewApi(config(), clients).customerRepo.create(
      anApplicationRecord({ applicationId, status: "MANUAL_REVIEW", upload, applicant: form }),
    );
    // One document: s3rver 3.7.1 deletes the keys of one DeleteObjects request in parallel on its
    // file system and answers InternalError when two share a folder (S3 itself has no such limit).
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: resources.bucket,
        Key: `applications/${applicationId}/selfie.jpg`,
        Body: new Uint8Array([1, 2, 3]),
        ServerSideEncryption: "AES256",
      }),
    );
    const [alice, bob] = [container(), container()];
    output = captureOutput();

    // Act: two reviewers at once, then the data protection officer.
    const decisions = await Promise.all([
      invoke(
        alice,
        httpEvent({
          routeKey: "POST /applications/{id}/decision",
          pathParameters: { id: applicationId },
          userArn: PRINCIPALS.alice,
          body: { decision: "APPROVE", reasonCode: "IDENTITY_CONFIRMED", comment, expectedVersion: 1 },
        }),
      ),
      invoke(
        bob,
        httpEvent({
          routeKey: "POST /applications/{id}/decision",
          pathParameters: { id: applicationId },
          userArn: PRINCIPALS.bob,
          body: { decision: "REJECT", reasonCode: "FACE_MISMATCH_CONFIRMED", comment, expectedVersion: 1 },
        }),
      ),
    ]);
    const decidedItem = await getItem(clients.dynamodb, resources.tableName, applicationId);
    const erasure = await invoke(
      container(),
      httpEvent({
        routeKey: "POST /applications/{id}/erasure",
        pathParameters: { id: applicationId },
        userArn: PRINCIPALS.dora,
        body: { reason: "CUSTOMER_REQUEST" },
      }),
    );
    output.restore();

    // Assert: one decision, stored once, notified once.
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
    expect(decisions.find((d) => d.status === 409)?.body.error.code).toBe("ALREADY_DECIDED");
    const winner = decisions.find((d) => d.status === 200)?.body;
    // Version 2 is the decision with its notification claimed; 3 records it sent (ADR 0001).
    expect(decidedItem).toMatchObject({ status: winner.status, version: 3, outbox: [], review: { comment } });
    expect(decidedItem?.applicant).toMatchObject({ lastName: form.lastName });
    expect(notificationsOf(await drain(resources.notificationsQueueUrl))).toEqual([
      expect.objectContaining({ applicationId, type: "DECISION_MADE", status: winner.status }),
    ]);

    // Erased: the item keeps the decision record and no PII; no object is left in the bucket.
    expect(erasure.status).toBe(200);
    const item = await getItem(clients.dynamodb, resources.tableName, applicationId);
    expect(item).toMatchObject({ status: winner.status, erasedAt: expect.any(String) });
    expect(item?.applicant).toBeUndefined();
    const stored = JSON.stringify(item);
    const pii = [
      form.firstName,
      form.lastName,
      form.dateOfBirth,
      form.address.line1,
      form.address.postalCode,
      form.licenseNumber,
      form.email ?? "",
      form.phone ?? "",
      comment,
      key,
    ];
    for (const value of pii) expect(stored).not.toContain(value);
    expect(await listKeys(clients.s3, resources.bucket, `applications/${applicationId}/`)).toEqual([]);
    expect(await listKeys(clients.s3, resources.bucket, "uploads/")).not.toContain(key);

    // And nothing written to stdout/stderr during the run holds it either.
    const logged = output.lines().join("\n");
    for (const value of [...pii, s3EncodeKey(key)]) {
      expect(value.length).toBeGreaterThan(3);
      expect(logged).not.toContain(value);
    }
    expect(logged).toContain('"route":"POST /applications/{id}/erasure"');
  });
});
