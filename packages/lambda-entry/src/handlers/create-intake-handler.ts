import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { parse } from "@aws-lambda-powertools/parser";
import { deriveApplicationId, isFault, processSubmission, type UploadRef } from "@onboarding/core";
import type { Context, S3Event } from "aws-lambda";
import * as z from "zod/mini";
import type { Intake } from "../compose.js";
import { decodeS3Key, isUploadKey } from "../decode-s3-key.js";
import { countOutcome, describeError, digest, summarize, type Telemetry } from "../observability.js";

const S3Identity = z.object({ principalId: z.string() });

/**
 * One S3 event notification record: Powertools' `S3Schema` record, field for field, written with
 * `zod/mini` (Powertools' schemas are classic zod, which would put all of it in the bundle); it is
 * still validated by Powertools' `parse`. The only relaxation: S3 reports the client's IPv6
 * address for uploads over dual-stack endpoints, which the stock schema (IPv4 or
 * `s3.amazonaws.com`) would refuse; intake never reads that field.
 */
const S3RecordSchema = z.object({
  eventVersion: z.string(),
  eventSource: z.literal("aws:s3"),
  awsRegion: z.string(),
  eventTime: z.iso.datetime(),
  eventName: z.string(),
  userIdentity: S3Identity,
  requestParameters: z.object({ sourceIPAddress: z.string() }),
  responseElements: z.object({ "x-amz-request-id": z.string(), "x-amz-id-2": z.string() }),
  s3: z.object({
    s3SchemaVersion: z.string(),
    configurationId: z.string(),
    object: z.object({
      key: z.string(),
      size: z.optional(z.number()),
      urlDecodedKey: z.optional(z.string()),
      eTag: z.optional(z.string()),
      sequencer: z.optional(z.string()), // only in PUT and DELETE events
      versionId: z.optional(z.string()),
    }),
    bucket: z.object({ name: z.string(), ownerIdentity: S3Identity, arn: z.string() }),
  }),
  glacierEventData: z.optional(
    z.object({
      restoreEventData: z.object({
        lifecycleRestorationExpiryTime: z.string(),
        lifecycleRestoreStorageClass: z.string(),
      }),
    }),
  ),
});

/** Only the envelope is checked as a whole, so one malformed record does not sink the others. */
const S3EnvelopeSchema = z.object({ Records: z.array(z.unknown()) });

/** The path and code of each issue of a failed parse: never the message, which may quote the input. */
const issuesOf = (error: Error) =>
  (Array.isArray(error.cause) ? (error.cause as z.core.$ZodIssue[]) : []).map((i) => ({
    path: i.path.join("."),
    code: i.code,
  }));

/** Why a record failed, without PII: a code, and whether a later delivery may succeed. */
interface RecordFailure {
  readonly code: string;
  readonly retryable: boolean;
}

/**
 * Thrown at the end of an invocation in which some record failed, so that Lambda's asynchronous
 * invocation retries the event and, once its retries are spent, sends it to the on-failure
 * destination. The message lists codes only (the runtime logs it): never a key or a name.
 */
export class IntakeFailedError extends Error {
  override readonly name = "IntakeFailedError";
  constructor(
    readonly failures: readonly RecordFailure[],
    readonly total: number,
  ) {
    const retryable = failures.some((f) => f.retryable);
    super(
      `${failures.length} of ${total} record(s) failed (${[...new Set(failures.map((f) => f.code))].join(", ")}); ` +
        (retryable ? "retryable: the event will be delivered again" : "not retryable"),
    );
  }

  /** True when at least one record may succeed on a later delivery. */
  get retryable(): boolean {
    return this.failures.some((f) => f.retryable);
  }
}

/**
 * The intake function: for each `ObjectCreated` record of an upload (under the upload prefix,
 * ending in `.zip`), runs `processSubmission`. Records are independent and run one after the
 * other; a failed record does not stop the next. Processing is idempotent, so when any record
 * failed the whole event is thrown back to Lambda and redelivered.
 */
export function createIntakeHandler(intake: Intake, telemetry: Telemetry) {
  const { logger, metrics } = telemetry;

  const processRecord = async (raw: unknown, index: number): Promise<RecordFailure | undefined> => {
    const parsed = parse(raw, undefined, S3RecordSchema, true);
    if (!parsed.success) {
      logger.error("S3 record does not match the S3 event schema", {
        record: index,
        issues: issuesOf(parsed.error),
      });
      return { code: "RECORD_INVALID", retryable: false };
    }
    const { eventName, s3 } = parsed.data;
    if (!eventName.startsWith("ObjectCreated:")) {
      logger.info("record ignored: not an ObjectCreated event", { record: index, eventName });
      return undefined;
    }
    if (s3.bucket.name !== intake.bucket) {
      logger.error("record from another bucket than DOCUMENT_BUCKET", { record: index });
      return { code: "FOREIGN_BUCKET", retryable: false };
    }
    let key: string;
    try {
      key = decodeS3Key(s3.object.key);
    } catch {
      logger.error("S3 key is not validly encoded", { record: index });
      return { code: "KEY_INVALID", retryable: false };
    }
    if (!isUploadKey(key, intake.uploadPrefix)) {
      logger.info("object ignored: not an upload", { record: index, keyDigest: await digest(key) });
      metrics.addMetric("ObjectIgnored", MetricUnit.Count, 1);
      return undefined;
    }
    const version = s3.object.versionId ?? s3.object.eTag;
    const upload: UploadRef = {
      bucket: s3.bucket.name,
      key,
      ...(version === undefined ? {} : { version }),
      ...(s3.object.size === undefined ? {} : { size: s3.object.size }),
    };
    const applicationId = await deriveApplicationId(upload);
    logger.appendKeys({ applicationId });
    try {
      const view = await processSubmission(intake.deps, { upload }, intake.options);
      logger.info("submission processed", summarize(view));
      countOutcome(metrics, view);
      return undefined;
    } catch (error) {
      const failure = {
        code: isFault(error) ? error.code : "UNEXPECTED_ERROR",
        retryable: isFault(error) && error.retryable,
      };
      logger.error("submission failed", { record: index, ...describeError(error) });
      return failure;
    } finally {
      logger.removeKeys(["applicationId"]);
    }
  };

  return async (event: S3Event, context: Context): Promise<void> => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    try {
      const envelope = parse(event, undefined, S3EnvelopeSchema, true);
      if (!envelope.success) {
        logger.error("event is not an S3 event notification");
        metrics.addMetric("IntakePermanentFault", MetricUnit.Count, 1);
        throw new IntakeFailedError([{ code: "EVENT_INVALID", retryable: false }], 1);
      }
      const failures: RecordFailure[] = [];
      // One after the other: S3 sends one record per event in practice, and the log keys
      // (applicationId) are per invocation.
      for (const [index, record] of envelope.data.Records.entries()) {
        const failure = await processRecord(record, index);
        if (failure === undefined) continue;
        failures.push(failure);
        metrics.addMetric(
          failure.retryable ? "IntakeRetryableFault" : "IntakePermanentFault",
          MetricUnit.Count,
          1,
        );
      }
      if (failures.length > 0) throw new IntakeFailedError(failures, envelope.data.Records.length);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
