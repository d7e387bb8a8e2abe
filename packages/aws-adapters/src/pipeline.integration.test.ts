import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import {
  CompareFacesCommand,
  type CompareFacesResponse,
  RekognitionClient,
} from "@aws-sdk/client-rekognition";
import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { AnalyzeIDCommand, type AnalyzeIDResponse, TextractClient } from "@aws-sdk/client-textract";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { type Notification, type ProcessSubmissionDeps, processSubmission } from "@onboarding/core";
import { anApplicationForm, aSubmissionZip } from "@onboarding/core/testing";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it } from "vitest";
import license from "./__fixtures__/analyze-id-license.json" with { type: "json" };
import match from "./__fixtures__/compare-faces-match.json" with { type: "json" };
import { customerTableDefinition } from "./customer-table-definition.js";
import { DynamoDbCustomerRepo } from "./dynamodb-customer-repo.js";
import { RekognitionFaceMatcher } from "./rekognition-face-matcher.js";
import { S3DocumentStore } from "./s3-document-store.js";
import { SnsNotifier } from "./sns-notifier.js";
import { SqsValidationQueue } from "./sqs-validation-queue.js";
import {
  localDynamoDbClient,
  localS3Client,
  localSnsClient,
  localSqsClient,
  uniqueName,
} from "./test-support/local-servers.js";
import { createQueue, createSubscribedTopic, drain } from "./test-support/queues.js";
import { TextractIdExtractor } from "./textract-id-extractor.js";

/**
 * Issue 5's "done when": a zip uploaded to S3 (s3rver) goes through `processSubmission` with the
 * AWS adapters — DynamoDB Local, fauxqs for SQS and SNS, mocked Rekognition and Textract fed
 * documented responses — and every side effect is found where AWS would hold it.
 */
describe("processSubmission through the AWS adapters", () => {
  const s3 = localS3Client();
  const documents = DynamoDBDocumentClient.from(localDynamoDbClient());
  const rekognitionClient = new RekognitionClient({ region: "us-east-1" });
  const textractClient = new TextractClient({ region: "us-east-1" });
  const rekognition = mockClient(rekognitionClient);
  const textract = mockClient(textractClient);
  const form = anApplicationForm();
  let bucket: string;
  let tableName: string;
  let validationQueueUrl: string;
  let eventsQueueUrl: string;
  let deps: ProcessSubmissionDeps;

  beforeAll(async () => {
    bucket = uniqueName("onboarding");
    tableName = uniqueName("applications");
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await localDynamoDbClient().send(new CreateTableCommand(customerTableDefinition(tableName)));
    validationQueueUrl = (await createQueue("license-validation")).url;
    const events = await createSubscribedTopic("onboarding-events");
    eventsQueueUrl = events.queueUrl;
    rekognition.on(CompareFacesCommand).resolves(match as CompareFacesResponse);
    textract.on(AnalyzeIDCommand).resolves(license as AnalyzeIDResponse);
    deps = {
      documentStore: new S3DocumentStore({ client: s3, bucket }),
      faceMatcher: new RekognitionFaceMatcher({ client: rekognitionClient, bucket, similarityFloor: 0 }),
      idExtractor: new TextractIdExtractor({ client: textractClient, bucket }),
      customerRepo: new DynamoDbCustomerRepo({ client: localDynamoDbClient(), tableName }),
      validationQueue: new SqsValidationQueue({ client: localSqsClient(), queueUrl: validationQueueUrl }),
      notifier: new SnsNotifier({ client: localSnsClient(), topicArn: events.topicArn }),
      clock: { now: () => new Date("2026-05-01T12:00:00.000Z") },
    };
  });

  const upload = async (key: string, bytes: Uint8Array) => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: bytes,
        ServerSideEncryption: "AES256",
        ContentType: "application/zip",
      }),
    );
    return { bucket, key, size: bytes.byteLength, ...(put.ETag === undefined ? {} : { version: put.ETag }) };
  };
  const notificationsIn = async (queueUrl: string): Promise<Notification[]> =>
    (await drain(queueUrl)).map((m) =>
      JSON.parse((JSON.parse(m.Body ?? "{}") as { Message: string }).Message),
    );

  it("unpacks to S3, records the application with its audit trail, queues the validation and notifies", async () => {
    const zip = aSubmissionZip({ form });
    const uploaded = await upload(`uploads/${uniqueName("submission")}.zip`, zip);

    const view = await processSubmission(deps, { upload: uploaded });

    // The decision so far: both checks passed, the license validation is pending.
    expect(view.status).toBe("AWAITING_LICENSE_VALIDATION");
    const id = view.applicationId;

    // S3: the unpacked documents under the application's own prefix, apart from the upload.
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `applications/${id}/` }));
    const keys = (listed.Contents ?? []).map((o) => o.Key).sort();
    expect(keys).toEqual([
      `applications/${id}/application.csv`,
      `applications/${id}/license.png`,
      `applications/${id}/selfie.png`,
    ]);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: `applications/${id}/license.png` }),
    );
    expect(head.ContentType).toBe("image/png");
    expect(head.Metadata?.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Rekognition and Textract were pointed at those S3 objects, not sent bytes.
    expect(rekognition.commandCalls(CompareFacesCommand)[0]?.args[0].input).toMatchObject({
      SourceImage: { S3Object: { Bucket: bucket, Name: `applications/${id}/license.png` } },
      TargetImage: { S3Object: { Bucket: bucket, Name: `applications/${id}/selfie.png` } },
    });
    expect(textract.commandCalls(AnalyzeIDCommand)[0]?.args[0].input).toEqual({
      DocumentPages: [{ S3Object: { Bucket: bucket, Name: `applications/${id}/license.png` } }],
    });

    // DynamoDB: the application item, its audit trail, its effects recorded as done.
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk: `APP#${id}`, sk: "APPLICATION" } }),
    );
    expect(Item).toMatchObject({ applicationId: id, status: "AWAITING_LICENSE_VALIDATION", outbox: [] });
    expect(((Item?.audit ?? []) as { step: string; to?: string }[]).map((e) => e.to)).toEqual(
      expect.arrayContaining(["RECEIVED", "DOCUMENTS_STORED", "VERIFYING", "AWAITING_LICENSE_VALIDATION"]),
    );
    expect(Item?.checks).toMatchObject({
      faceMatch: { outcome: "PASS", similarity: 99.5435791015625, engine: "aws-rekognition" },
      identity: { engine: "aws-textract", modelVersion: "1.0" },
    });
    expect(Item?.documents).toMatchObject({
      license: { key: `applications/${id}/license.png`, sha256: head.Metadata?.sha256 },
    });

    // SQS: one validation request, carrying the license number and state only.
    const requests = await drain(validationQueueUrl);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]?.Body ?? "{}")).toEqual({
      applicationId: id,
      requestId: `${id}:license-validation`,
      licenseNumber: form.licenseNumber,
      issuingState: form.address.state,
      requestedAt: "2026-05-01T12:00:00.000Z",
    });

    // SNS → subscribed queue: one notification per completed check, with no PII.
    const notifications = await notificationsIn(eventsQueueUrl);
    expect(notifications.map((n) => n.type === "VALIDATION_COMPLETED" && n.check).sort()).toEqual([
      "FACE_MATCH",
      "IDENTITY",
    ]);
    expect(notifications.every((n) => n.applicationId === id)).toBe(true);
    const delivered = JSON.stringify(notifications);
    for (const pii of [
      form.firstName,
      form.lastName,
      form.dateOfBirth,
      form.address.line1,
      form.licenseNumber,
    ]) {
      expect(delivered).not.toContain(pii);
    }
  });

  it("processes a redelivered upload without sending anything twice", async () => {
    const uploaded = await upload(`uploads/${uniqueName("submission")}.zip`, aSubmissionZip({ form }));
    const first = await processSubmission(deps, { upload: uploaded });
    await drain(validationQueueUrl);
    await drain(eventsQueueUrl);

    const again = await processSubmission(deps, { upload: uploaded });

    expect(again.applicationId).toBe(first.applicationId);
    expect(again.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(await drain(validationQueueUrl)).toHaveLength(0);
    expect(await drain(eventsQueueUrl)).toHaveLength(0);
  });

  it("records a refused upload as INVALID_SUBMISSION and notifies the decision, queueing no validation", async () => {
    const uploaded = await upload(
      `uploads/${uniqueName("broken")}.zip`,
      new TextEncoder().encode("not a zip"),
    );

    const view = await processSubmission(deps, { upload: uploaded });

    expect(view.status).toBe("INVALID_SUBMISSION");
    expect(view.reasons.map((r) => r.code)).toEqual(["ARCHIVE_INVALID"]);
    const notifications = await notificationsIn(eventsQueueUrl);
    expect(notifications).toEqual([
      expect.objectContaining({
        type: "DECISION_MADE",
        status: "INVALID_SUBMISSION",
        applicationId: view.applicationId,
      }),
    ]);
    expect(await drain(validationQueueUrl)).toHaveLength(0);
  });
});
