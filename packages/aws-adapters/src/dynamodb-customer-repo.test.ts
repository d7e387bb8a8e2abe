import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ApplicationRecord } from "@onboarding/core";
import { anApplicationRecord, customerRepoContract } from "@onboarding/core/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { customerTableDefinition, customerTableTimeToLive } from "./customer-table-definition.js";
import { DynamoDbCustomerRepo } from "./dynamodb-customer-repo.js";
import { localDynamoDbClient, uniqueName } from "./test-support/local-servers.js";
import { awsJsonError, startStubServer } from "./test-support/stub-server.js";

const faultOf = async (
  promise: Promise<unknown>,
): Promise<{ code?: string; retryable?: boolean; name?: string }> => {
  try {
    await promise;
    return {};
  } catch (error) {
    return error as { code?: string; retryable?: boolean };
  }
};

const next = (record: ApplicationRecord, changes: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  ...record,
  ...changes,
  version: record.version + 1,
});

/** One table for this file on DynamoDB Local, made on first use. */
let tableReady: Promise<string> | undefined;
const table = (): Promise<string> => {
  tableReady ??= (async () => {
    const name = uniqueName("applications");
    const client = localDynamoDbClient();
    await client.send(new CreateTableCommand(customerTableDefinition(name)));
    await client.send(new UpdateTimeToLiveCommand(customerTableTimeToLive(name)));
    return name;
  })();
  return tableReady;
};

customerRepoContract({
  name: "DynamoDbCustomerRepo (DynamoDB Local)",
  make: async () => new DynamoDbCustomerRepo({ client: localDynamoDbClient(), tableName: await table() }),
});

describe("DynamoDbCustomerRepo against DynamoDB Local", () => {
  let client: DynamoDBClient;
  let documents: DynamoDBDocumentClient;
  let tableName: string;
  beforeAll(async () => {
    client = localDynamoDbClient();
    documents = DynamoDBDocumentClient.from(client);
    tableName = await table();
  });
  const rawItem = async (applicationId: string): Promise<Record<string, unknown>> => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk: `APP#${applicationId}`, sk: "APPLICATION" } }),
    );
    return Item ?? {};
  };

  it("stores one item per application under pk APP#<id>, sk APPLICATION, with an expiresAt TTL from createdAt", async () => {
    const repo = new DynamoDbCustomerRepo({ client, tableName, retentionDays: 30 });
    const record = anApplicationRecord({ createdAt: "2026-01-15T10:00:00.000Z" });

    await repo.create(record);

    const item = await rawItem(record.applicationId);
    expect(item).toMatchObject({
      applicationId: record.applicationId,
      status: "RECEIVED",
      version: 1,
      entity: "Application",
    });
    expect(item.expiresAt).toBe(Date.parse("2026-01-15T10:00:00.000Z") / 1000 + 30 * 86_400);
  });

  it("keeps expiresAt anchored to createdAt across saves", async () => {
    const repo = new DynamoDbCustomerRepo({ client, tableName, retentionDays: 30 });
    const record = anApplicationRecord({ createdAt: "2026-01-15T10:00:00.000Z" });
    await repo.create(record);

    await repo.save(next(record, { status: "DOCUMENTS_STORED", updatedAt: "2026-03-01T00:00:00.000Z" }));

    expect((await rawItem(record.applicationId)).expiresAt).toBe(
      Date.parse("2026-01-15T10:00:00.000Z") / 1000 + 30 * 86_400,
    );
  });

  it("turns retention on with TTL on expiresAt", async () => {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));

    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: "expiresAt",
      TimeToLiveStatus: "ENABLED",
    });
  });

  it("keeps the audit trail, entry by entry, across saves", async () => {
    const repo = new DynamoDbCustomerRepo({ client, tableName });
    const record = anApplicationRecord();
    await repo.create(record);
    const stored = next(record, {
      status: "DOCUMENTS_STORED",
      audit: [
        ...record.audit,
        {
          at: "2026-01-15T10:00:01.000Z",
          step: "store-documents",
          from: "RECEIVED",
          to: "DOCUMENTS_STORED",
          outcome: "STORED",
          scores: { documents: 3 },
        },
      ],
    });

    await repo.save(stored);

    expect((await repo.get(record.applicationId))?.audit).toEqual(stored.audit);
  });

  it("tells a stale save (VERSION_CONFLICT, retryable, with the expected version) from a missing one", async () => {
    const repo = new DynamoDbCustomerRepo({ client, tableName });
    const record = anApplicationRecord();
    await repo.create(record);
    await repo.save(next(record));

    const stale = await faultOf(repo.save(next(record)));
    const missing = await faultOf(repo.save(next(anApplicationRecord())));

    expect(stale).toMatchObject({ code: "VERSION_CONFLICT", retryable: true, expectedVersion: 1 });
    expect(missing).toMatchObject({ code: "APPLICATION_NOT_FOUND" });
  });

  it("serves the review queue from the byStatus index without copying PII into it", async () => {
    const repo = new DynamoDbCustomerRepo({ client, tableName });
    const review = anApplicationRecord({ status: "MANUAL_REVIEW", createdAt: "2026-02-01T00:00:00.000Z" });
    await repo.create(review);

    const { Items } = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: "byStatus",
        KeyConditionExpression: "#status = :status",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":status": "MANUAL_REVIEW" },
      }),
    );

    const entry = (Items ?? []).find((i) => i.applicationId === review.applicationId);
    expect(entry).toBeDefined();
    expect(Object.keys(entry ?? {}).sort()).toEqual([
      "applicationId",
      "createdAt",
      "pk",
      "sk",
      "status",
      "updatedAt",
      "version",
    ]);
    expect(JSON.stringify(entry)).not.toContain(review.applicant?.lastName ?? "Garcia");
  });

  it("reports a missing table as a non-retryable DependencyFault", async () => {
    const repo = new DynamoDbCustomerRepo({ client, tableName: "no-such-table" });

    const fault = await faultOf(repo.get("app-1"));

    expect(fault).toMatchObject({ code: "DEPENDENCY_FAILED", retryable: false });
  });
});

describe("DynamoDbCustomerRepo fault translation (an endpoint answering errors on the wire)", () => {
  const clientFor = (endpoint: string) =>
    new DynamoDBClient({
      region: "us-east-1",
      endpoint,
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });

  it("turns ProvisionedThroughputExceededException into a retryable DEPENDENCY_THROTTLED fault", async () => {
    const stub = await startStubServer(
      awsJsonError(
        400,
        "ProvisionedThroughputExceededException",
        "The level of configured provisioned throughput for the table was exceeded.",
      ),
    );
    const repo = new DynamoDbCustomerRepo({ client: clientFor(stub.url), tableName: "applications" });

    const fault = await faultOf(repo.create(anApplicationRecord()));
    await stub.close();

    expect(fault).toMatchObject({ code: "DEPENDENCY_THROTTLED", retryable: true });
  });

  it("turns a 500 InternalServerError into a retryable DEPENDENCY_UNAVAILABLE fault", async () => {
    const stub = await startStubServer(awsJsonError(500, "InternalServerError", "Internal server error"));
    const repo = new DynamoDbCustomerRepo({ client: clientFor(stub.url), tableName: "applications" });

    const fault = await faultOf(repo.get("app-1"));
    await stub.close();

    expect(fault).toMatchObject({ code: "DEPENDENCY_UNAVAILABLE", retryable: true });
  });
});
