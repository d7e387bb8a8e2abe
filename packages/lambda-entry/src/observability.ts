import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { type ApplicationView, isFault } from "@onboarding/core";

/**
 * Logs and metrics of the handlers. Logs carry ids, statuses and codes, never the event, names,
 * dates of birth, addresses, license numbers or S3 keys (which may contain a name): an upload is
 * known by its application id, or by a digest of its key when it has none.
 */

/** The logger and metrics a handler writes to. Powertools reads its own `POWERTOOLS_*` variables. */
export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export const createTelemetry = (): Telemetry => ({ logger: new Logger(), metrics: new Metrics() });

/**
 * What can be logged of an error: its name, fault code and retryability, the dependency that
 * failed and the name of the error underneath (`s3`, `SlowDown`), and its stack frames. Never a
 * message: a `DocumentNotFoundFault` quotes the S3 key, an SDK message may quote a request.
 */
export function describeError(error: unknown): Record<string, string | boolean> {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const frames = error.stack?.split("\n").slice(1).join("\n");
  const { dependency } = error as { dependency?: unknown };
  return {
    errorName: error.name,
    ...(isFault(error) ? { code: error.code, retryable: error.retryable } : {}),
    ...(typeof dependency === "string" ? { dependency } : {}),
    ...(error.cause instanceof Error ? { causeName: error.cause.name } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}

/** A short, non-reversible digest of a string (an S3 key) to correlate log lines without the key. */
export async function digest(value: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return Buffer.from(bytes).toString("hex").slice(0, 16);
}

/** Counts one occurrence of `name` with one dimension, flushed at once (its own EMF blob). */
export function countWith(metrics: Metrics, name: string, dimension: string, value: string): void {
  const single = metrics.singleMetric();
  single.addDimension(dimension, value);
  single.addMetric(name, MetricUnit.Count, 1);
}

/** Counts the status an application reached and the outcome of each check it holds. */
export function countOutcome(metrics: Metrics, view: ApplicationView): void {
  countWith(metrics, "Decision", "status", view.status);
  const { faceMatch, identity, licenseValidation } = view.checks;
  if (faceMatch) countWith(metrics, "FaceMatch", "outcome", faceMatch.outcome);
  if (identity) countWith(metrics, "IdentityCheck", "outcome", identity.outcome);
  if (licenseValidation) countWith(metrics, "LicenseValidation", "outcome", licenseValidation.outcome);
}

/** What a log line says about an application: ids, status, reason codes, check outcomes. */
export const summarize = (view: ApplicationView) => ({
  status: view.status,
  reasons: view.reasons.map((r) => r.code),
  checks: Object.fromEntries(Object.entries(view.checks).map(([name, check]) => [name, check?.outcome])),
});

export { MetricUnit };
