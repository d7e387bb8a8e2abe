import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The single-table layout of applications (see docs/adr/0004-dynamodb-table-design.md).
 *
 * - `pk` = `APP#<applicationId>`, `sk` = `APPLICATION`: one item per application; other entity
 *   types of the same application can later share the partition with other `sk`s.
 * - `expiresAt`: epoch seconds, the TTL attribute (retention).
 * - GSI `byStatus` on `status` + `createdAt` for the review queue; it projects ids, versions and
 *   times only, so the index never copies the applicant's PII.
 * - GSI `byCustomer` on `customerRef` + `createdAt` links a resubmission to the application that
 *   asked for it; `customerRef` is a keyed hash, and the index projects ids, status and times only.
 *   Applications without a `customerRef` (refused at intake) are not in it (a sparse index).
 */
export const CUSTOMER_TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  applicationSortKey: "APPLICATION",
  partitionPrefix: "APP#",
  ttlAttribute: "expiresAt",
  statusIndex: "byStatus",
  customerIndex: "byCustomer",
} as const;

/**
 * The `CreateTable` input for the applications table: for tests and for the CDK stack (which
 * should mirror it). On-demand billing, SSE on, the `byStatus` index.
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(customerTableDefinition("onboarding-applications")));
 * await dynamodb.send(new UpdateTimeToLiveCommand(customerTableTimeToLive("onboarding-applications")));
 * ```
 */
export function customerTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: CUSTOMER_TABLE.partitionKey, AttributeType: "S" },
      { AttributeName: CUSTOMER_TABLE.sortKey, AttributeType: "S" },
      { AttributeName: "status", AttributeType: "S" },
      { AttributeName: "createdAt", AttributeType: "S" },
      { AttributeName: "customerRef", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: CUSTOMER_TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: CUSTOMER_TABLE.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: CUSTOMER_TABLE.statusIndex,
        KeySchema: [
          { AttributeName: "status", KeyType: "HASH" },
          { AttributeName: "createdAt", KeyType: "RANGE" },
        ],
        Projection: {
          ProjectionType: "INCLUDE",
          NonKeyAttributes: ["applicationId", "version", "updatedAt"],
        },
      },
      {
        IndexName: CUSTOMER_TABLE.customerIndex,
        KeySchema: [
          { AttributeName: "customerRef", KeyType: "HASH" },
          { AttributeName: "createdAt", KeyType: "RANGE" },
        ],
        Projection: {
          ProjectionType: "INCLUDE",
          NonKeyAttributes: ["applicationId", "status", "version", "updatedAt"],
        },
      },
    ],
    SSESpecification: { Enabled: true },
  };
}

/** The `UpdateTimeToLive` input that turns on retention by `expiresAt` (a separate API call). */
export function customerTableTimeToLive(tableName: string): UpdateTimeToLiveCommandInput {
  return {
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: CUSTOMER_TABLE.ttlAttribute, Enabled: true },
  };
}
