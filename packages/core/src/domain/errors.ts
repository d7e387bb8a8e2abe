/**
 * Every reason a submission can be refused at intake. Callers switch on `code`.
 *
 * - `ARCHIVE_INVALID`: not a zip, truncated, empty, encrypted or otherwise unreadable.
 * - `ARCHIVE_UNSAFE`: path traversal, absolute or drive paths, NUL bytes, symlinks, duplicate names.
 * - `ARCHIVE_TOO_LARGE`: the upload, an entry, the total inflated size, the entry count or the
 *   compression ratio is over its limit.
 * - `DOCUMENT_MISSING`: no application CSV, license image or selfie.
 * - `DOCUMENT_AMBIGUOUS`: more than one file for one role.
 * - `DOCUMENT_UNSUPPORTED`: an image that is not really a JPEG or PNG, is too large, or a nested archive.
 * - `APPLICATION_INVALID`: the application CSV is unreadable or a field is invalid (see `field`).
 */
export const REJECTION_CODES = [
  "ARCHIVE_INVALID",
  "ARCHIVE_UNSAFE",
  "ARCHIVE_TOO_LARGE",
  "DOCUMENT_MISSING",
  "DOCUMENT_AMBIGUOUS",
  "DOCUMENT_UNSUPPORTED",
  "APPLICATION_INVALID",
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Why a submission was refused. `message` is safe to show the applicant and to log (no PII). */
export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
  /** The application field at fault, for `APPLICATION_INVALID` (e.g. `dateOfBirth`). */
  readonly field?: string;
  /** The archive entry at fault, when there is one. */
  readonly entry?: string;
}

export const rejection = (
  code: RejectionCode,
  message: string,
  extra: { field?: string; entry?: string } = {},
): Rejection => ({ code, message, ...extra });

/** Codes of faults: unexpected failures that are thrown, not returned. */
export type FaultCode =
  | "APPLICATION_EXISTS"
  | "APPLICATION_NOT_FOUND"
  | "VERSION_CONFLICT"
  | "ILLEGAL_TRANSITION"
  | "DEPENDENCY_UNAVAILABLE"
  | "DEPENDENCY_THROTTLED"
  | "DEPENDENCY_FAILED"
  | "DOCUMENT_NOT_FOUND"
  | "CONFIGURATION_INVALID"
  | "EFFECTS_IN_FLIGHT"
  | "CURSOR_INVALID";

/** Base class of every fault the library throws. Switch on `code`, not on `instanceof`. */
export class OnboardingFault extends Error {
  readonly code: FaultCode;
  /** True when trying the same operation again later may succeed (throttling, timeouts). */
  readonly retryable: boolean;

  constructor(code: FaultCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** `CustomerRepo.create` found an application with the same id already stored. */
export class ApplicationExistsFault extends OnboardingFault {
  constructor(
    readonly applicationId: string,
    options: { cause?: unknown } = {},
  ) {
    super("APPLICATION_EXISTS", `application ${applicationId} already exists`, options);
  }
}

/** An application that was expected to exist does not. */
export class ApplicationNotFoundFault extends OnboardingFault {
  constructor(
    readonly applicationId: string,
    options: { cause?: unknown } = {},
  ) {
    super("APPLICATION_NOT_FOUND", `application ${applicationId} not found`, options);
  }
}

/** An optimistic-locking write lost a race: somebody saved a newer version first. */
export class VersionConflictFault extends OnboardingFault {
  constructor(
    readonly applicationId: string,
    readonly expectedVersion: number,
    options: { cause?: unknown } = {},
  ) {
    super(
      "VERSION_CONFLICT",
      `application ${applicationId} was changed concurrently (expected version ${expectedVersion})`,
      { ...options, retryable: true },
    );
  }
}

/** A document reference that points at nothing. */
export class DocumentNotFoundFault extends OnboardingFault {
  constructor(
    readonly key: string,
    options: { cause?: unknown } = {},
  ) {
    super("DOCUMENT_NOT_FOUND", `document ${key} not found`, options);
  }
}

/** A dependency (storage, queue, AI service, third-party API) failed. */
export class DependencyFault extends OnboardingFault {
  constructor(
    readonly dependency: string,
    message: string,
    options: { cause?: unknown; retryable?: boolean; throttled?: boolean } = {},
  ) {
    super(
      options.throttled
        ? "DEPENDENCY_THROTTLED"
        : options.retryable
          ? "DEPENDENCY_UNAVAILABLE"
          : "DEPENDENCY_FAILED",
      `${dependency}: ${message}`,
      { cause: options.cause, retryable: options.retryable ?? options.throttled ?? false },
    );
  }
}

/** A programming or configuration error: a state machine transition that is not allowed. */
export class IllegalTransitionFault extends OnboardingFault {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super("ILLEGAL_TRANSITION", `illegal transition ${from} -> ${to}`);
  }
}

/** True when `error` is a fault the library threw with this code. */
export const isFault = (error: unknown, code?: FaultCode): error is OnboardingFault =>
  error instanceof Error &&
  typeof (error as { code?: unknown }).code === "string" &&
  "retryable" in error &&
  (code === undefined || (error as OnboardingFault).code === code);

/**
 * Another worker claimed this application's pending messages moments ago and may still be
 * sending them. Retry later: once its claim lapses, the messages are sent by whoever retries.
 */
export class EffectsInFlightFault extends OnboardingFault {
  constructor(readonly applicationId: string) {
    super("EFFECTS_IN_FLIGHT", `application ${applicationId} has messages being sent by another worker`, {
      retryable: true,
    });
  }
}
