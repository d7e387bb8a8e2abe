import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { RekognitionClient } from "@aws-sdk/client-rekognition";
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { type Message, SQSClient } from "@aws-sdk/client-sqs";
import { TextractClient } from "@aws-sdk/client-textract";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { customerTableDefinition } from "@onboarding/aws-adapters";
import type { Notification } from "@onboarding/core";
import type { Context, S3Event, SQSEvent } from "aws-lambda";
// The local servers' test support is aws-adapters' (same servers, same global setup).
import { localServers, uniqueName } from "../../../aws-adapters/src/test-support/local-servers.js";
import { createQueue } from "../../../aws-adapters/src/test-support/queues.js";
import type { IntakeClients } from "../compose.js";
import type { IntakeConfig } from "../config.js";

export type { LocalServerEndpoints } from "../../../aws-adapters/src/test-support/local-servers.js";
export { drain } from "../../../aws-adapters/src/test-support/queues.js";
export { localServers, uniqueName };

const NO_RETRIES = { maxAttempts: 1 } as const;

/**
 * Clients on the local servers (s3rver, DynamoDB Local, fauxqs); Rekognition and Textract point
 * nowhere (tests mock them). All use s3rver's credentials, the only ones s3rver accepts, so that
 * code configured from the environment with one key pair sees the same resources: DynamoDB Local
 * keeps a separate set of tables per access key.
 */
export function localClients(): IntakeClients {
  const { region, s3, sqs, sns, dynamodb } = localServers();
  const credentials = s3.credentials;
  return {
    s3: new S3Client({
      region,
      endpoint: s3.endpoint,
      credentials: s3.credentials,
      forcePathStyle: true,
      ...NO_RETRIES,
    }),
    dynamodb: new DynamoDBClient({ region, endpoint: dynamodb.endpoint, credentials }),
    // No endpoint: these two are mocked with aws-sdk-client-mock by the tests that use them.
    rekognition: new RekognitionClient({ region, credentials }),
    textract: new TextractClient({ region, credentials }),
    sqs: new SQSClient({
      region,
      endpoint: sqs.endpoint,
      credentials,
      useQueueUrlAsEndpoint: false,
      ...NO_RETRIES,
    }),
    sns: new SNSClient({ region, endpoint: sns.endpoint, credentials, ...NO_RETRIES }),
  };
}

/**
 * The variables that point code configured from the environment (an entry module, a bundle) at
 * the local servers: region, s3rver's credentials and the SDK's own `AWS_ENDPOINT_URL_<SERVICE>`.
 */
export function localServerEnv(): Record<string, string> {
  const { region, s3, dynamodb, sqs, sns } = localServers();
  return {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
  };
}

/** A bucket, a table, the validation queue and a topic with a queue subscribed, all new. */
export interface LocalResources {
  readonly bucket: string;
  readonly tableName: string;
  readonly validationQueueUrl: string;
  readonly topicArn: string;
  /** The queue subscribed to the topic: where notifications can be counted. */
  readonly notificationsQueueUrl: string;
}

export async function createLocalResources(clients: IntakeClients = localClients()): Promise<LocalResources> {
  const bucket = uniqueName("onboarding");
  const tableName = uniqueName("applications");
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await clients.dynamodb.send(new CreateTableCommand(customerTableDefinition(tableName)));
  const validation = await createQueue("license-validation");
  const notifications = await createQueue("notifications");
  const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: uniqueName("events") }));
  await clients.sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: "sqs",
      Endpoint: notifications.arn,
      ReturnSubscriptionArn: true,
    }),
  );
  return {
    bucket,
    tableName,
    validationQueueUrl: validation.url,
    topicArn: TopicArn ?? "",
    notificationsQueueUrl: notifications.url,
  };
}

/** The intake configuration for these resources, with the sample values of `.env.example` otherwise. */
export const intakeConfigFor = (resources: LocalResources): IntakeConfig => ({
  region: localServers().region,
  bucket: resources.bucket,
  uploadPrefix: "uploads/",
  documentsPrefix: "applications/",
  tableName: resources.tableName,
  retentionDays: 30,
  validationQueueUrl: resources.validationQueueUrl,
  notificationTopicArn: resources.topicArn,
  facePassSimilarity: 95,
  faceReviewSimilarity: 80,
  customerRefKey: { kind: "environment", key: TEST_CUSTOMER_REF_KEY },
});

/** The customer reference key of local runs (the stack reads it from Secrets Manager instead). */
export const TEST_CUSTOMER_REF_KEY = "test-only-customer-reference-key-0123456789";

/** Puts an upload into s3rver (SSE, as the bucket policy demands) and returns its ETag, unquoted. */
export async function putUpload(
  s3: S3Client,
  bucket: string,
  key: string,
  bytes: Uint8Array,
): Promise<string> {
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: bytes,
      ContentType: "application/zip",
      ServerSideEncryption: "AES256",
    }),
  );
  return (put.ETag ?? "").replaceAll('"', "");
}

/** The keys stored under a prefix. */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key ?? "").sort();
}

/** The application item as DynamoDB holds it. */
export async function getItem(
  dynamodb: DynamoDBClient,
  tableName: string,
  applicationId: string,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await DynamoDBDocumentClient.from(dynamodb).send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: `APP#${applicationId}`, sk: "APPLICATION" },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** The notifications delivered through SNS into a subscribed queue (SNS envelope unwrapped). */
export const notificationsOf = (messages: readonly Message[]): Notification[] =>
  messages.map(
    (m) => JSON.parse((JSON.parse(m.Body ?? "{}") as { Message: string }).Message) as Notification,
  );

/**
 * A key encoded the way S3 encodes it in event notifications: URL form encoding, a space as `+`,
 * other reserved characters (`'`, `+`, non-ASCII) percent-encoded; `/` is left as it is.
 */
export const s3EncodeKey = (key: string): string =>
  key
    .split("/")
    .map((part) =>
      encodeURIComponent(part)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replaceAll("%20", "+"),
    )
    .join("/");

/** An S3 `ObjectCreated:Put` event shaped like AWS's documented example, one record per object. */
export function s3Event(
  objects: readonly { bucket: string; key: string; eTag?: string; size?: number; versionId?: string }[],
): S3Event {
  return {
    Records: objects.map((o) => ({
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "us-east-1",
      eventTime: "2026-05-01T12:00:00.000Z",
      eventName: "ObjectCreated:Put",
      userIdentity: { principalId: "AWS:AIDAINPONIXQXHT3IKHL2" },
      requestParameters: { sourceIPAddress: "203.0.113.7" },
      responseElements: {
        "x-amz-request-id": "C3D13FE58DE4C810",
        "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD",
      },
      s3: {
        s3SchemaVersion: "1.0",
        configurationId: "intake",
        bucket: {
          name: o.bucket,
          ownerIdentity: { principalId: "A3NL1KOZZKExample" },
          arn: `arn:aws:s3:::${o.bucket}`,
        },
        object: {
          key: s3EncodeKey(o.key),
          size: o.size ?? 0,
          eTag: o.eTag ?? "d41d8cd98f00b204e9800998ecf8427e",
          ...(o.versionId === undefined ? {} : { versionId: o.versionId }),
          sequencer: "0055AED6DCD90281E5",
        },
      },
    })),
  };
}

/** An SQS event as Lambda delivers it, built from messages received from a queue. */
export function sqsEvent(
  messages: readonly Pick<Message, "MessageId" | "Body" | "ReceiptHandle">[],
): SQSEvent {
  return {
    Records: messages.map((m, i) => ({
      messageId: m.MessageId ?? `message-${i}`,
      receiptHandle: m.ReceiptHandle ?? `handle-${i}`,
      body: m.Body ?? "",
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: "1777636800000",
        SenderId: "AIDAIENQZJOLO23YVJ4VO",
        ApproximateFirstReceiveTimestamp: "1777636800001",
      },
      messageAttributes: {},
      md5OfBody: "e4e68fb7bd0e697a0ae8f1bb342846b3",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:onboarding-license-validation",
      awsRegion: "us-east-1",
    })),
  };
}

/** A Lambda context with a recognisable request id. */
export const lambdaContext = (awsRequestId = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: "onboarding-test",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:onboarding-test",
  memoryLimitInMB: "512",
  awsRequestId,
  logGroupName: "/aws/lambda/onboarding-test",
  logStreamName: "2026/05/01/[$LATEST]abcdef",
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
