import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { RekognitionClient } from "@aws-sdk/client-rekognition";
import { S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { TextractClient } from "@aws-sdk/client-textract";
import {
  DynamoDbCustomerRepo,
  HttpLicenseValidator,
  RekognitionFaceMatcher,
  S3DocumentStore,
  SnsNotifier,
  SqsValidationQueue,
  TextractIdExtractor,
} from "@onboarding/aws-adapters";
import {
  type CompleteLicenseValidationDeps,
  DependencyFault,
  type EraseApplicationDeps,
  OnboardingFault,
  type ProcessSubmissionDeps,
  type ProcessSubmissionOptions,
  type RecordReviewDecisionDeps,
  systemClock,
} from "@onboarding/core";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import {
  type CustomerRefKeySource,
  type IntakeConfig,
  MIN_CUSTOMER_REF_KEY_LENGTH,
  type RetentionJobConfig,
  type ReviewApiConfig,
  type WorkerConfig,
} from "./config.js";

/**
 * Wiring: SDK clients and adapters, built with plain constructors. The handlers call these once,
 * at module scope, so every warm invocation of a container reuses the same clients (and their
 * keep-alive connections).
 *
 * Endpoints are never configured here: the SDK itself honours `AWS_ENDPOINT_URL` and
 * `AWS_ENDPOINT_URL_<SERVICE>` (`…_S3`, `…_DYNAMODB`, `…_SQS`, `…_SNS`), which is how a bundle is
 * pointed at local servers.
 */

/** Timeouts and retries of one kind of client. */
export interface ClientTuning {
  /** Milliseconds to establish a connection. */
  readonly connectionTimeoutMs: number;
  /** Milliseconds a request may stay silent (no bytes) before it is abandoned. */
  readonly requestTimeoutMs: number;
  /** Attempts in all, first included, with the SDK's "standard" retry mode (backoff + retry quota). */
  readonly maxAttempts: number;
}

/**
 * Storage and messaging answer in milliseconds; a silent socket for seconds is a dead one.
 * Rekognition `CompareFaces` and Textract `AnalyzeID` are synchronous image analyses that take
 * seconds and throttle at low TPS by default, so they get longer timeouts and more attempts.
 */
export const CLIENT_TUNING = {
  storage: { connectionTimeoutMs: 2_000, requestTimeoutMs: 5_000, maxAttempts: 3 },
  analysis: { connectionTimeoutMs: 2_000, requestTimeoutMs: 10_000, maxAttempts: 4 },
} as const satisfies Record<string, ClientTuning>;

/** The configuration every SDK client of these functions is built with. */
export const clientConfig = (region: string, tuning: ClientTuning) => ({
  region,
  retryMode: "standard",
  maxAttempts: tuning.maxAttempts,
  requestHandler: new NodeHttpHandler({
    connectionTimeout: tuning.connectionTimeoutMs,
    requestTimeout: tuning.requestTimeoutMs,
  }),
});

export interface IntakeClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly rekognition: RekognitionClient;
  readonly textract: TextractClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

export interface WorkerClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

// The queue lives in the function's own region, and SQS's JSON protocol carries the queue URL in
// the body: sending to the region's endpoint (or AWS_ENDPOINT_URL_SQS) rather than to the queue
// URL's host keeps the endpoint override working against a local server.
const sqsClient = (region: string) =>
  new SQSClient({ ...clientConfig(region, CLIENT_TUNING.storage), useQueueUrlAsEndpoint: false });

export function createIntakeClients(config: Pick<IntakeConfig, "region">): IntakeClients {
  const { region } = config;
  return {
    s3: new S3Client(clientConfig(region, CLIENT_TUNING.storage)),
    dynamodb: new DynamoDBClient(clientConfig(region, CLIENT_TUNING.storage)),
    rekognition: new RekognitionClient(clientConfig(region, CLIENT_TUNING.analysis)),
    textract: new TextractClient(clientConfig(region, CLIENT_TUNING.analysis)),
    sqs: sqsClient(region),
    sns: new SNSClient(clientConfig(region, CLIENT_TUNING.storage)),
  };
}

export function createWorkerClients(config: Pick<WorkerConfig, "region">): WorkerClients {
  const { region } = config;
  return {
    dynamodb: new DynamoDBClient(clientConfig(region, CLIENT_TUNING.storage)),
    sqs: sqsClient(region),
    sns: new SNSClient(clientConfig(region, CLIENT_TUNING.storage)),
  };
}

export interface ReviewApiClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

export interface RetentionJobClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
}

export function createReviewApiClients(config: Pick<ReviewApiConfig, "region">): ReviewApiClients {
  const { region } = config;
  return {
    s3: new S3Client(clientConfig(region, CLIENT_TUNING.storage)),
    dynamodb: new DynamoDBClient(clientConfig(region, CLIENT_TUNING.storage)),
    sqs: sqsClient(region),
    sns: new SNSClient(clientConfig(region, CLIENT_TUNING.storage)),
  };
}

export function createRetentionJobClients(config: Pick<RetentionJobConfig, "region">): RetentionJobClients {
  const { region } = config;
  return {
    s3: new S3Client(clientConfig(region, CLIENT_TUNING.storage)),
    dynamodb: new DynamoDBClient(clientConfig(region, CLIENT_TUNING.storage)),
  };
}

/**
 * The HMAC key of the pseudonymous customer reference, read once per container (at cold start,
 * by the intake entry module): from Secrets Manager in a deployment, from the environment in a
 * local run. Fails with a fault that names the variable and never quotes the key.
 */
export async function readCustomerRefKey(
  source: CustomerRefKeySource,
  client: Pick<SecretsManagerClient, "send"> | (() => Pick<SecretsManagerClient, "send">),
): Promise<string> {
  if (source.kind === "environment") return source.key;
  const secrets = typeof client === "function" ? client() : client;
  let key: string | undefined;
  try {
    ({ SecretString: key } = await secrets.send(new GetSecretValueCommand({ SecretId: source.secretArn })));
  } catch (error) {
    throw new DependencyFault(
      "secretsmanager",
      `could not read the secret named by CUSTOMER_REF_KEY_SECRET_ARN (${error instanceof Error ? error.name : "unknown error"})`,
      { cause: error, retryable: true },
    );
  }
  if (key === undefined || key.length < MIN_CUSTOMER_REF_KEY_LENGTH)
    throw new OnboardingFault(
      "CONFIGURATION_INVALID",
      `configuration invalid: the secret named by CUSTOMER_REF_KEY_SECRET_ARN must hold a string of at least ${MIN_CUSTOMER_REF_KEY_LENGTH} characters`,
    );
  return key;
}

/** The Secrets Manager client of the intake function, built only when the key comes from a secret. */
export const secretsManagerClient = (region: string) =>
  new SecretsManagerClient(clientConfig(region, CLIENT_TUNING.storage));

/** What the intake handler runs `processSubmission` with. */
export interface Intake {
  readonly deps: ProcessSubmissionDeps;
  readonly options: ProcessSubmissionOptions;
  /** The bucket uploads land in: a record from any other bucket is a wiring mistake. */
  readonly bucket: string;
  readonly uploadPrefix: string;
}

// One way to build each adapter from the configuration, shared by every function's composition.
const documentStoreOf = (config: { bucket: string; documentsPrefix: string }, client: S3Client) =>
  new S3DocumentStore({ client, bucket: config.bucket, documentPrefix: config.documentsPrefix });

const customerRepoOf = (config: { tableName: string; retentionDays: number }, client: DynamoDBClient) =>
  new DynamoDbCustomerRepo({ client, tableName: config.tableName, retentionDays: config.retentionDays });

const validationQueueOf = (config: { validationQueueUrl: string }, client: SQSClient) =>
  new SqsValidationQueue({ client, queueUrl: config.validationQueueUrl });

const notifierOf = (config: { notificationTopicArn: string }, client: SNSClient) =>
  new SnsNotifier({ client, topicArn: config.notificationTopicArn });

/** The ports of `processSubmission` on AWS, and its options from the configuration. */
export function composeIntake(
  config: IntakeConfig,
  secrets: { readonly customerRefKey: string },
  clients: IntakeClients = createIntakeClients(config),
): Intake {
  const { bucket } = config;
  return {
    deps: {
      documentStore: documentStoreOf(config, clients.s3),
      faceMatcher: new RekognitionFaceMatcher({ client: clients.rekognition, bucket }),
      idExtractor: new TextractIdExtractor({ client: clients.textract, bucket }),
      customerRepo: customerRepoOf(config, clients.dynamodb),
      validationQueue: validationQueueOf(config, clients.sqs),
      notifier: notifierOf(config, clients.sns),
      clock: systemClock,
    },
    options: {
      policy: { face: { pass: config.facePassSimilarity, review: config.faceReviewSimilarity } },
      customerRefKey: secrets.customerRefKey,
    },
    bucket,
    uploadPrefix: config.uploadPrefix,
  };
}

/** The ports of `completeLicenseValidation` on AWS. */
export function composeWorker(
  config: WorkerConfig,
  clients: WorkerClients = createWorkerClients(config),
): CompleteLicenseValidationDeps {
  return {
    licenseValidator: new HttpLicenseValidator({
      baseUrl: config.licenseApiUrl,
      timeoutMs: config.licenseApiTimeoutMs,
    }),
    customerRepo: customerRepoOf(config, clients.dynamodb),
    validationQueue: validationQueueOf(config, clients.sqs),
    notifier: notifierOf(config, clients.sns),
    clock: systemClock,
  };
}

/** The ports of the review API: decisions (repo, outbox, notifier) and erasure (documents). */
export type ReviewApiDeps = RecordReviewDecisionDeps & EraseApplicationDeps;

/** The ports of the review API on AWS. */
export function composeReviewApi(
  config: ReviewApiConfig,
  clients: ReviewApiClients = createReviewApiClients(config),
): ReviewApiDeps {
  return {
    documentStore: documentStoreOf(config, clients.s3),
    customerRepo: customerRepoOf(config, clients.dynamodb),
    validationQueue: validationQueueOf(config, clients.sqs),
    notifier: notifierOf(config, clients.sns),
    clock: systemClock,
  };
}

/** The ports of the retention job on AWS. */
export function composeRetentionJob(
  config: RetentionJobConfig,
  clients: RetentionJobClients = createRetentionJobClients(config),
): EraseApplicationDeps {
  return {
    documentStore: documentStoreOf(config, clients.s3),
    customerRepo: customerRepoOf(config, clients.dynamodb),
    clock: systemClock,
  };
}
