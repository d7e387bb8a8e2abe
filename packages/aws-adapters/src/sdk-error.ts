import { DependencyFault } from "@onboarding/core";

/** The parts of an AWS SDK v3 service exception this package reads; no `@aws-sdk` type leaks out. */
interface SdkErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $fault?: "client" | "server";
  readonly $retryable?: { readonly throttling?: boolean };
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Error names AWS services use for throttling, across S3, DynamoDB, SQS, SNS, Rekognition and Textract. */
const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "LimitExceededException",
  "KMSThrottlingException",
]);

/** Transient server-side or network failures: trying again later may succeed. */
const TRANSIENT = new Set([
  "InternalServerError",
  "InternalServerErrorException",
  "InternalError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TransactionConflictException",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
  "AbortError",
  "HumanLoopQuotaExceededException",
]);

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

/** The error's name, as the SDK sets it (`error.name` is the service's exception name). */
export const errorName = (error: unknown): string =>
  typeof error === "object" && error !== null ? String((error as SdkErrorLike).name ?? "") : "";

/** True when the SDK or the service marks this error as throttling. */
export const isThrottling = (error: unknown): boolean => {
  const e = error as SdkErrorLike | undefined;
  return THROTTLING.has(errorName(error)) || e?.$retryable?.throttling === true;
};

/** True when the error is transient: throttling, a 5xx, a timeout or a dropped connection. */
export const isTransient = (error: unknown): boolean => {
  if (typeof error !== "object" || error === null) return false;
  const e = error as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode;
  return (
    isThrottling(error) ||
    TRANSIENT.has(errorName(error)) ||
    e.$fault === "server" ||
    e.$retryable !== undefined ||
    (status !== undefined && status >= 500) ||
    (e.code !== undefined && NETWORK_CODES.has(e.code))
  );
};

/**
 * Translates any SDK failure into the core's `DependencyFault`: throttling is `throttled` (and so
 * retryable), 5xx/timeouts/network errors are `retryable`, anything else is a plain failure. The
 * original error is kept as `cause` for logs; the message names the operation and the exception only.
 */
export function dependencyFault(dependency: string, operation: string, error: unknown): DependencyFault {
  const name = errorName(error) || "Error";
  return new DependencyFault(dependency, `${operation} failed (${name})`, {
    cause: error,
    throttled: isThrottling(error),
    retryable: isTransient(error),
  });
}
