import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  ApplicationExistsFault,
  ApplicationNotFoundFault,
  type ApplicationPage,
  type ApplicationRecord,
  type ApplicationStatus,
  type ApplicationSummary,
  type CustomerRepo,
  OnboardingFault,
  VersionConflictFault,
} from "@onboarding/core";
import { CUSTOMER_TABLE } from "./customer-table-definition.js";
import { dependencyFault, errorName } from "./sdk-error.js";

export interface DynamoDbCustomerRepoOptions {
  readonly client: DynamoDBClient;
  /** The table made from `customerTableDefinition`. */
  readonly tableName: string;
  /** How long an application is kept after it was created: sets the `expiresAt` TTL. Default 400 days. */
  readonly retentionDays?: number;
}

const DEPENDENCY = "dynamodb";
const SECONDS_PER_DAY = 86_400;
/** Attributes the table adds to a record; stripped when reading it back. */
const TABLE_ATTRIBUTES = [
  CUSTOMER_TABLE.partitionKey,
  CUSTOMER_TABLE.sortKey,
  CUSTOMER_TABLE.ttlAttribute,
  "entity",
];

/**
 * The `CustomerRepo` on Amazon DynamoDB, one item per application (docs/adr/0004).
 *
 * - `create`: `attribute_not_exists(pk)`; a second create throws `ApplicationExistsFault`.
 * - `save`: replaces the item only if the stored `version` is `record.version - 1`, asking for
 *   `ReturnValuesOnConditionCheckFailure: ALL_OLD` to tell a lost race (`VersionConflictFault`)
 *   from a missing application (`ApplicationNotFoundFault`) in one round trip.
 * - The whole record is stored, audit trail included; `expiresAt` (epoch seconds, from
 *   `createdAt` + retention) lets DynamoDB TTL delete it. Reads are strongly consistent.
 *
 * @example
 * ```ts
 * const repo = new DynamoDbCustomerRepo({ client: new DynamoDBClient({}), tableName: "onboarding-applications", retentionDays: 365 });
 * ```
 */
export class DynamoDbCustomerRepo implements CustomerRepo {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #retentionSeconds: number;

  constructor(options: DynamoDbCustomerRepoOptions) {
    const days = options.retentionDays ?? 400;
    if (!(days > 0))
      throw new OnboardingFault("CONFIGURATION_INVALID", `retentionDays must be positive (got ${days})`);
    this.#documents = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
      unmarshallOptions: { wrapNumbers: false },
    });
    this.#tableName = options.tableName;
    this.#retentionSeconds = Math.round(days * SECONDS_PER_DAY);
  }

  async create(record: ApplicationRecord): Promise<void> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: this.#toItem(record),
          ConditionExpression: "attribute_not_exists(#pk)",
          ExpressionAttributeNames: { "#pk": CUSTOMER_TABLE.partitionKey },
        }),
      );
    } catch (error) {
      if (errorName(error) === "ConditionalCheckFailedException") {
        throw new ApplicationExistsFault(record.applicationId, { cause: error });
      }
      throw dependencyFault(DEPENDENCY, "PutItem (create)", error);
    }
  }

  async get(applicationId: string): Promise<ApplicationRecord | undefined> {
    try {
      const { Item } = await this.#documents.send(
        new GetCommand({ TableName: this.#tableName, Key: keyOf(applicationId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : fromItem(Item);
    } catch (error) {
      throw dependencyFault(DEPENDENCY, "GetItem", error);
    }
  }

  async save(record: ApplicationRecord): Promise<void> {
    const expected = record.version - 1;
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: this.#toItem(record),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expected },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
    } catch (error) {
      if (errorName(error) === "ConditionalCheckFailedException") {
        // With ALL_OLD the exception carries the stored item when there is one.
        const stored = (error as { Item?: unknown }).Item;
        if (stored === undefined) throw new ApplicationNotFoundFault(record.applicationId, { cause: error });
        throw new VersionConflictFault(record.applicationId, expected, { cause: error });
      }
      throw dependencyFault(DEPENDENCY, "PutItem (save)", error);
    }
  }

  /** Queries the `byStatus` index (never a scan), oldest first; the cursor is the last key, base64url. */
  async listByStatus(query: {
    readonly status: ApplicationStatus;
    readonly limit: number;
    readonly cursor?: string;
    readonly createdBefore?: string;
  }): Promise<ApplicationPage> {
    const startKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    try {
      const page = await this.#documents.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: CUSTOMER_TABLE.statusIndex,
          KeyConditionExpression:
            query.createdBefore === undefined
              ? "#status = :status"
              : "#status = :status AND #createdAt < :before",
          ExpressionAttributeNames: {
            "#status": "status",
            ...(query.createdBefore === undefined ? {} : { "#createdAt": "createdAt" }),
          },
          ExpressionAttributeValues: {
            ":status": query.status,
            ...(query.createdBefore === undefined ? {} : { ":before": query.createdBefore }),
          },
          ScanIndexForward: true,
          Limit: Math.max(1, Math.trunc(query.limit)),
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      const items = (page.Items ?? []).map(toSummary);
      return page.LastEvaluatedKey === undefined
        ? { items }
        : { items, nextCursor: Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString("base64url") };
    } catch (error) {
      throw dependencyFault(DEPENDENCY, "Query (byStatus)", error);
    }
  }

  /** Queries the sparse `byCustomer` index, oldest first. */
  async findByCustomerRef(customerRef: string): Promise<readonly ApplicationSummary[]> {
    const found: ApplicationSummary[] = [];
    let startKey: Record<string, unknown> | undefined;
    try {
      do {
        const page = await this.#documents.send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: CUSTOMER_TABLE.customerIndex,
            KeyConditionExpression: "#ref = :ref",
            ExpressionAttributeNames: { "#ref": "customerRef" },
            ExpressionAttributeValues: { ":ref": customerRef },
            ScanIndexForward: true,
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
        );
        found.push(...(page.Items ?? []).map(toSummary));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    } catch (error) {
      throw dependencyFault(DEPENDENCY, "Query (byCustomer)", error);
    }
    return found;
  }

  #toItem(record: ApplicationRecord): Record<string, unknown> {
    const createdAt = Date.parse(record.createdAt);
    if (Number.isNaN(createdAt)) {
      throw new OnboardingFault(
        "CONFIGURATION_INVALID",
        `application ${record.applicationId} has no valid createdAt`,
      );
    }
    return {
      ...record,
      ...keyOf(record.applicationId),
      entity: "Application",
      [CUSTOMER_TABLE.ttlAttribute]: Math.floor(createdAt / 1000) + this.#retentionSeconds,
    };
  }
}

const keyOf = (applicationId: string): Record<string, string> => ({
  [CUSTOMER_TABLE.partitionKey]: `${CUSTOMER_TABLE.partitionPrefix}${applicationId}`,
  [CUSTOMER_TABLE.sortKey]: CUSTOMER_TABLE.applicationSortKey,
});

function fromItem(item: Record<string, unknown>): ApplicationRecord {
  const record: Record<string, unknown> = { ...item };
  for (const attribute of TABLE_ATTRIBUTES) delete record[attribute];
  return record as unknown as ApplicationRecord;
}

function toSummary(item: Record<string, unknown>): ApplicationSummary {
  return {
    applicationId: String(item.applicationId),
    status: item.status as ApplicationStatus,
    version: Number(item.version),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

/** A cursor is the index's last evaluated key as JSON, base64url: its four string attributes. */
function decodeCursor(cursor: string): Record<string, string> {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const valid =
      typeof key === "object" &&
      key !== null &&
      !Array.isArray(key) &&
      Object.keys(key).length <= 4 &&
      Object.values(key).every((v) => typeof v === "string");
    if (valid) return key as Record<string, string>;
  } catch {
    // fall through
  }
  throw new OnboardingFault("CURSOR_INVALID", "malformed listing cursor");
}
