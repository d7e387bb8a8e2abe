import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CompareFacesCommand,
  type CompareFacesResponse,
  RekognitionClient,
} from "@aws-sdk/client-rekognition";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { AnalyzeIDCommand, type AnalyzeIDResponse, TextractClient } from "@aws-sdk/client-textract";
import { customerTableDefinition } from "@onboarding/aws-adapters";
import type { ApplicationView } from "@onboarding/core";
import { anApplicationForm, aSubmissionZip } from "@onboarding/core/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3RVER_CREDENTIALS, startLocalServers } from "../../../scripts/local-servers/local-servers.mjs";
import license from "./__fixtures__/analyze-id-license.json" with { type: "json" };
import match from "./__fixtures__/compare-faces-match.json" with { type: "json" };
import { compose, type Service } from "./compose.js";
import { loadConfig } from "./config.js";
import { createUploadHandler } from "./handle-upload.js";
import { createHttpServer } from "./http-server.js";

/**
 * The service as another team would run it — its own config, composition root and HTTP server —
 * against the local servers the repository uses for the AWS adapters (DynamoDB Local, s3rver,
 * fauxqs), with Rekognition and Textract mocked (no local server exists) and fed documented
 * responses.
 */
const BUCKET = "kyc-service-documents";
const form = anApplicationForm(); // the applicant the fixtures describe

let servers: Awaited<ReturnType<typeof startLocalServers>>;
let service: Service;
let baseUrl: string;
let sqs: SQSClient;
let validationQueueUrl: string;
let stopHttp: () => Promise<void>;

beforeAll(async () => {
  servers = await startLocalServers({ s3Buckets: [BUCKET] });
  const { region, dynamodb, s3, sqs: sqsServer, sns: snsServer } = servers.endpoints;
  // The SDK's default credential chain reads these; s3rver checks them, the others accept any.
  process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;

  await new DynamoDBClient({ region, endpoint: dynamodb.endpoint }).send(
    new CreateTableCommand(customerTableDefinition("kyc-applications")),
  );
  sqs = new SQSClient({ region, endpoint: sqsServer.endpoint, useQueueUrlAsEndpoint: false });
  validationQueueUrl =
    (await sqs.send(new CreateQueueCommand({ QueueName: "license-validation" }))).QueueUrl ?? "";
  const sns = new SNSClient({ region, endpoint: snsServer.endpoint });
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: "onboarding-events" }))).TopicArn ?? "";

  mockClient(RekognitionClient)
    .on(CompareFacesCommand)
    .resolves(match as CompareFacesResponse);
  mockClient(TextractClient)
    .on(AnalyzeIDCommand)
    .resolves(license as AnalyzeIDResponse);

  service = compose(
    loadConfig({
      AWS_REGION: region,
      DOCUMENTS_BUCKET: BUCKET,
      APPLICATIONS_TABLE: "kyc-applications",
      VALIDATION_QUEUE_URL: validationQueueUrl,
      EVENTS_TOPIC_ARN: topicArn,
      S3_ENDPOINT: s3.endpoint,
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      SQS_ENDPOINT: sqsServer.endpoint,
      SNS_ENDPOINT: snsServer.endpoint,
      PORT: "0",
    }),
  );
  const server = createHttpServer(service);
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stopHttp = () => new Promise((closed) => server.close(() => closed()));
});

afterAll(async () => {
  await stopHttp?.();
  await servers?.stop();
});

const postSubmission = (zip: Uint8Array) =>
  fetch(`${baseUrl}/submissions`, {
    method: "POST",
    headers: { "content-type": "application/zip" },
    body: zip,
  });

async function receiveValidationRequests(): Promise<Message[]> {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: validationQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  return Messages ?? [];
}

describe("the example KYC service", () => {
  it("takes a submission over HTTP, checks it and asks for the license validation", async () => {
    const response = await postSubmission(aSubmissionZip({ form }));

    expect(response.status).toBe(202);
    const view = (await response.json()) as ApplicationView;
    expect(view.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(view.reasons.map((reason) => reason.code)).toEqual(
      expect.arrayContaining(["FACE_MATCH", "IDENTITY_MATCH"]),
    );
    const requests = await receiveValidationRequests();
    expect(requests.map((m) => JSON.parse(m.Body ?? "{}").applicationId)).toEqual([view.applicationId]);
  });

  it("answers GET /applications/<id> from DynamoDB, and 404 for an unknown id", async () => {
    const created = (await (await postSubmission(aSubmissionZip({ form }))).json()) as ApplicationView;
    await receiveValidationRequests();

    const found = await fetch(`${baseUrl}/applications/${created.applicationId}`);
    const missing = await fetch(`${baseUrl}/applications/no-such-application`);

    expect(found.status).toBe(200);
    expect(((await found.json()) as ApplicationView).status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(missing.status).toBe(404);
  });

  it("refuses an archive without its application form, with a reason code", async () => {
    const response = await postSubmission(
      aSubmissionZip({ form, entries: { "application.csv": undefined } }),
    );

    const view = (await response.json()) as ApplicationView;
    expect(view.status).toBe("INVALID_SUBMISSION");
    expect(view.reasons.map((reason) => reason.code)).toEqual(["DOCUMENT_MISSING"]);
  });

  it("processes an S3 upload event once, however often it is delivered", async () => {
    const key = "uploads/from s3/customer.zip";
    const put = await service.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: aSubmissionZip({ form }),
        ServerSideEncryption: "AES256",
      }),
    );
    const event = {
      Records: [
        {
          s3: {
            bucket: { name: BUCKET },
            object: { key: "uploads/from+s3/customer.zip", ...(put.ETag ? { eTag: put.ETag } : {}) },
          },
        },
      ],
    };
    const handle = createUploadHandler(service);

    const [first] = await handle(event);
    const [second] = await handle(event);

    expect(first?.status).toBe("AWAITING_LICENSE_VALIDATION");
    expect(second?.applicationId).toBe(first?.applicationId);
    expect(await receiveValidationRequests()).toHaveLength(1);
  });
});
