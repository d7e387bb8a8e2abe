import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { type EraseApplicationDeps, eraseExpiredApplications, type RetentionPolicy } from "@onboarding/core";
import type { Context } from "aws-lambda";
import { describeError, type Telemetry } from "../observability.js";

export interface RetentionJob {
  readonly deps: EraseApplicationDeps;
  /** The retention schedule; only `piiDays` matters to erasure (images: S3 lifecycle; records: TTL). */
  readonly retention: Pick<RetentionPolicy, "piiDays">;
}

/**
 * The scheduled retention job (EventBridge, daily): erases the documents, upload and PII of every
 * decided application created more than `piiDays` ago, keeping the PII-free decision record.
 * The event is not read. Erasure is idempotent, so a run that fails half-way (thrown: Lambda
 * retries the scheduled invocation) or times out is finished by the retry or the next day's run.
 */
export function createRetentionJobHandler(job: RetentionJob, telemetry: Telemetry) {
  const { logger, metrics } = telemetry;
  return async (_event: unknown, context: Context): Promise<{ readonly erased: number }> => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    try {
      const { erased } = await eraseExpiredApplications(job.deps, {
        retention: { piiDays: job.retention.piiDays },
        requestedBy: "retention-job",
      });
      logger.info("retention job finished", { erased, piiDays: job.retention.piiDays });
      metrics.addMetric("ApplicationsErasedByRetention", MetricUnit.Count, erased);
      return { erased };
    } catch (error) {
      logger.error("retention job failed", describeError(error));
      metrics.addMetric("RetentionJobFault", MetricUnit.Count, 1);
      throw error;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
