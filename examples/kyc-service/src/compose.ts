import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { RekognitionClient } from "@aws-sdk/client-rekognition";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { TextractClient } from "@aws-sdk/client-textract";
import {
  DynamoDbCustomerRepo,
  RekognitionFaceMatcher,
  S3DocumentStore,
  SnsNotifier,
  SqsValidationQueue,
  TextractIdExtractor,
} from "@onboarding/aws-adapters";
import { type ProcessSubmissionDeps, systemClock } from "@onboarding/core";
import type { Config } from "./config.js";

/** What the service's handlers need: the use cases' ports, plus the S3 client to accept uploads. */
export interface Service {
  readonly config: Config;
  readonly s3: S3Client;
  readonly deps: ProcessSubmissionDeps;
}

/**
 * The composition root: SDK clients and adapters built with plain constructors, once per process,
 * so every request reuses the same clients. The only place that knows which adapter serves a port.
 */
export function compose(config: Config): Service {
  const { region, endpoints } = config;
  const s3 = new S3Client({
    region,
    ...(endpoints.s3 === undefined ? {} : { endpoint: endpoints.s3, forcePathStyle: true }),
  });
  const dynamodb = new DynamoDBClient({
    region,
    ...(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {}),
  });
  // Against a local SQS, send to the configured endpoint rather than to the queue URL's host.
  const sqs = new SQSClient({
    region,
    ...(endpoints.sqs ? { endpoint: endpoints.sqs, useQueueUrlAsEndpoint: false } : {}),
  });
  const sns = new SNSClient({ region, ...(endpoints.sns ? { endpoint: endpoints.sns } : {}) });
  const bucket = config.documentsBucket;
  return {
    config,
    s3,
    deps: {
      documentStore: new S3DocumentStore({ client: s3, bucket }),
      customerRepo: new DynamoDbCustomerRepo({ client: dynamodb, tableName: config.applicationsTable }),
      faceMatcher: new RekognitionFaceMatcher({ client: new RekognitionClient({ region }), bucket }),
      idExtractor: new TextractIdExtractor({ client: new TextractClient({ region }), bucket }),
      validationQueue: new SqsValidationQueue({ client: sqs, queueUrl: config.validationQueueUrl }),
      notifier: new SnsNotifier({ client: sns, topicArn: config.eventsTopicArn }),
      clock: systemClock,
    },
  };
}
