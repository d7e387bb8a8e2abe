import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { inject } from "vitest";
import type { LocalServerEndpoints } from "../../../../scripts/local-servers/local-servers.mjs";

export type { LocalServerEndpoints };

declare module "vitest" {
  export interface ProvidedContext {
    localServers: LocalServerEndpoints;
  }
}

/** The endpoints the global setup started (see vitest.global-setup.ts). */
export const localServers = (): LocalServerEndpoints => inject("localServers");

/** A name unique to this run, for tables, buckets, queues and topics (tests run in parallel). */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const NO_RETRIES = { maxAttempts: 1 } as const;

export const localS3Client = (): S3Client => {
  const { region, s3 } = localServers();
  return new S3Client({
    region,
    endpoint: s3.endpoint,
    credentials: s3.credentials,
    forcePathStyle: true,
    ...NO_RETRIES,
  });
};

export const localDynamoDbClient = (): DynamoDBClient => {
  const { region, dynamodb } = localServers();
  return new DynamoDBClient({
    region,
    endpoint: dynamodb.endpoint,
    credentials: dynamodb.credentials,
    ...NO_RETRIES,
  });
};

export const localSqsClient = (): SQSClient => {
  const { region, sqs } = localServers();
  // fauxqs names queues http://sqs.<region>.localhost:<port>/…; send to the endpoint, not the URL's host.
  return new SQSClient({
    region,
    endpoint: sqs.endpoint,
    credentials: sqs.credentials,
    useQueueUrlAsEndpoint: false,
    ...NO_RETRIES,
  });
};

export const localSnsClient = (): SNSClient => {
  const { region, sns } = localServers();
  return new SNSClient({ region, endpoint: sns.endpoint, credentials: sns.credentials, ...NO_RETRIES });
};
