import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from "@aws-lambda-powertools/batch";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { JSONStringified } from "@aws-lambda-powertools/parser/helpers";
import { SqsRecordSchema } from "@aws-lambda-powertools/parser/schemas/sqs";
import {
  type CompleteLicenseValidationDeps,
  completeLicenseValidation,
  isFault,
  type LicenseValidationRequest,
} from "@onboarding/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { z } from "zod";
import { countOutcome, describeError, summarize, type Telemetry } from "../observability.js";

/** The body `SqsValidationQueue` sends: a `LicenseValidationRequest` as JSON. */
export const licenseValidationRequestSchema = z.object({
  applicationId: z.string().min(1).max(128),
  requestId: z.string().min(1).max(256),
  licenseNumber: z.string().min(1).max(64),
  issuingState: z.string().min(1).max(64),
  requestedAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodType<LicenseValidationRequest>;

/** An SQS record (Powertools' schema) whose body is a license validation request. */
const LicenseValidationMessageSchema = SqsRecordSchema.extend({
  body: JSONStringified(licenseValidationRequestSchema),
});

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
    const parsed = LicenseValidationMessageSchema.safeParse(record);
    if (!parsed.success) {
      // Paths and codes only: zod's messages quote the JSON parser, which quotes the body.
      logger.error("message is not a license validation request", {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
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
