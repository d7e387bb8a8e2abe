import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from "@aws-lambda-powertools/batch";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { parse } from "@aws-lambda-powertools/parser";
import {
  type CompleteLicenseValidationDeps,
  completeLicenseValidation,
  isFault,
  type LicenseValidationRequest,
} from "@onboarding/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import * as z from "zod/mini";
import { countOutcome, describeError, summarize, type Telemetry } from "../observability.js";

/** The body `SqsValidationQueue` sends: a `LicenseValidationRequest` as JSON. */
export const licenseValidationRequestSchema = z.object({
  applicationId: z.string().check(z.minLength(1), z.maxLength(128)),
  requestId: z.string().check(z.minLength(1), z.maxLength(256)),
  licenseNumber: z.string().check(z.minLength(1), z.maxLength(64)),
  issuingState: z.string().check(z.minLength(1), z.maxLength(64)),
  requestedAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodMiniType<LicenseValidationRequest>;

/**
 * A JSON string, parsed, then validated with `schema`, as Powertools' `JSONStringified` helper
 * does: a string that is not JSON is one `custom` issue at the field, and nothing after it runs.
 */
const jsonStringified = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((text: string, ctx): unknown => {
        try {
          return JSON.parse(text);
        } catch (error) {
          ctx.issues.push({
            code: "custom",
            message: `Invalid JSON - ${(error as Error).message}`,
            input: text,
            fatal: true,
            continue: false,
          });
          return z.NEVER;
        }
      }),
    ),
    schema,
  );

const SqsMessageAttributeSchema = z.object({
  stringValue: z.nullable(z.optional(z.string())),
  binaryValue: z.nullable(z.optional(z.string())),
  stringListValues: z.optional(z.array(z.string())),
  binaryListValues: z.optional(z.array(z.string())),
  // Any string ("Number.int"…), as in Powertools: the union keeps its issue code for a non-string.
  dataType: z.union([z.literal("String"), z.literal("Number"), z.literal("Binary"), z.string()]),
});

/**
 * An SQS record whose body is a license validation request: Powertools' `SqsRecordSchema`, field
 * for field, written with `zod/mini` (Powertools' schemas are classic zod, which would put all of
 * it in the bundle); it is still validated by Powertools' `parse`.
 */
const LicenseValidationMessageSchema = z.object({
  messageId: z.string(),
  receiptHandle: z.string(),
  body: jsonStringified(licenseValidationRequestSchema),
  attributes: z.object({
    ApproximateReceiveCount: z.string(),
    ApproximateFirstReceiveTimestamp: z.string(),
    MessageDeduplicationId: z.optional(z.string()),
    MessageGroupId: z.optional(z.string()),
    SenderId: z.string(),
    SentTimestamp: z.string(),
    SequenceNumber: z.optional(z.string()),
    AWSTraceHeader: z.optional(z.string()),
    DeadLetterQueueSourceArn: z.optional(z.string()),
  }),
  messageAttributes: z.record(z.string(), SqsMessageAttributeSchema),
  md5OfBody: z.string(),
  md5OfMessageAttributes: z.nullable(z.optional(z.string())),
  eventSource: z.literal("aws:sqs"),
  eventSourceARN: z.string(),
  awsRegion: z.string(),
});

/** The path and code of each issue of a failed parse: never the message, which may quote the input. */
const issuesOf = (error: Error) =>
  (Array.isArray(error.cause) ? (error.cause as z.core.$ZodIssue[]) : []).map((i) => ({
    path: i.path.join("."),
    code: i.code,
  }));

/**
 * A message that is not a license validation request. It fails its batch item, so SQS delivers it
 * again until the queue's `maxReceiveCount` and then moves it to the dead-letter queue. The
 * message names the message id only: a body that does not parse may hold anything.
 */
export class MalformedMessageError extends Error {
  override readonly name = "MalformedMessageError";
  constructor(readonly messageId: string) {
    super(`message ${messageId} is not a license validation request`);
  }
}

/** A request that failed, by message id and fault code (the fault itself may quote PII). */
export class LicenseValidationFailedError extends Error {
  override readonly name = "LicenseValidationFailedError";
  constructor(
    readonly messageId: string,
    readonly code: string,
  ) {
    super(`message ${messageId} failed: ${code}`);
  }
}

export interface LicenseValidationHandlerOptions {
  /** A FIFO queue: a failed message stops the rest of its message group in this batch. */
  readonly fifo: boolean;
}

/**
 * The license-validation worker: for each SQS message, parses the request and runs
 * `completeLicenseValidation`. Answers with `batchItemFailures` (the event source mapping must
 * have `ReportBatchItemFailures`), so only the messages that failed are delivered again.
 */
export function createLicenseValidationHandler(
  deps: CompleteLicenseValidationDeps,
  telemetry: Telemetry,
  options: LicenseValidationHandlerOptions,
) {
  const { logger, metrics } = telemetry;

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const parsed = parse(record, undefined, LicenseValidationMessageSchema, true);
    if (!parsed.success) {
      // Paths and codes only: zod's messages quote the JSON parser, which quotes the body.
      logger.error("message is not a license validation request", {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        issues: issuesOf(parsed.error),
      });
      metrics.addMetric("MalformedMessage", MetricUnit.Count, 1);
      throw new MalformedMessageError(record.messageId);
    }
    const request = parsed.data.body;
    const keys = { messageId: record.messageId, applicationId: request.applicationId };
    try {
      const view = await completeLicenseValidation(deps, request);
      logger.info("license validation recorded", { ...keys, ...summarize(view) });
      countOutcome(metrics, view);
    } catch (error) {
      const code = isFault(error) ? error.code : "UNEXPECTED_ERROR";
      logger.error("license validation failed", {
        ...keys,
        receiveCount: record.attributes.ApproximateReceiveCount,
        ...describeError(error),
      });
      metrics.addMetric("LicenseValidationFault", MetricUnit.Count, 1);
      throw new LicenseValidationFailedError(record.messageId, code);
    }
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    try {
      // A processor per invocation: it holds the state of one batch.
      const processor = options.fifo ? new SqsFifoPartialProcessorAsync() : new BatchProcessor(EventType.SQS);
      // Every message failed: answer with all of them rather than throw, so a batch of malformed
      // messages is counted per message on its way to the dead-letter queue like any other.
      return await processPartialResponse(event, handleRecord, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
