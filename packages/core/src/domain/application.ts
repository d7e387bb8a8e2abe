import type { CheckOutcome, FieldComparison, MatchOutcome } from "./checks.js";
import type { StoredDocuments, UploadRef } from "./documents.js";
import { IllegalTransitionFault, type RejectionCode } from "./errors.js";
import type { ApplicationForm } from "./identity.js";

/** Where an application is in its lifecycle. */
export type ApplicationStatus =
  | "RECEIVED"
  | "DOCUMENTS_STORED"
  | "VERIFYING"
  | "AWAITING_LICENSE_VALIDATION"
  | "APPROVED"
  | "REJECTED"
  | "MANUAL_REVIEW"
  | "RESUBMISSION_REQUESTED"
  | "INVALID_SUBMISSION";

/**
 * The lifecycle. An application is created `RECEIVED` (or `INVALID_SUBMISSION` when intake
 * refused it) and only moves along these edges. `MANUAL_REVIEW` is left only by a reviewer's
 * decision; a requested resubmission ends this application, and the applicant's next upload
 * becomes a new application linked to it.
 */
export const TRANSITIONS = {
  RECEIVED: ["DOCUMENTS_STORED"],
  DOCUMENTS_STORED: ["VERIFYING"],
  VERIFYING: ["AWAITING_LICENSE_VALIDATION", "REJECTED", "MANUAL_REVIEW"],
  AWAITING_LICENSE_VALIDATION: ["APPROVED", "REJECTED", "MANUAL_REVIEW"],
  APPROVED: [],
  REJECTED: [],
  MANUAL_REVIEW: ["APPROVED", "REJECTED", "RESUBMISSION_REQUESTED"],
  RESUBMISSION_REQUESTED: [],
  INVALID_SUBMISSION: [],
} as const satisfies Record<ApplicationStatus, readonly ApplicationStatus[]>;

/** The statuses reachable in one step from `S`. */
export type NextStatus<S extends ApplicationStatus> = (typeof TRANSITIONS)[S][number];

export const TERMINAL_STATUSES: readonly ApplicationStatus[] = (
  Object.keys(TRANSITIONS) as ApplicationStatus[]
).filter((s) => TRANSITIONS[s].length === 0);

export const isTerminal = (status: ApplicationStatus): boolean => TRANSITIONS[status].length === 0;

export const canTransition = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  (TRANSITIONS[from] as readonly ApplicationStatus[]).includes(to);

/** Codes of every reason an application carries: intake rejections and check findings. */
export type ReasonCode =
  | RejectionCode
  | "FACE_MATCH"
  | "FACE_SIMILARITY_LOW"
  | "FACE_MISMATCH"
  | "FACE_NOT_DETECTED"
  | "MULTIPLE_FACES"
  | "FACE_CHECK_UNAVAILABLE"
  | "IDENTITY_MATCH"
  | "IDENTITY_REVIEW"
  | "IDENTITY_MISMATCH"
  | "LICENSE_UNREADABLE"
  | "ID_EXTRACTION_UNAVAILABLE"
  | "LICENSE_EXPIRED"
  | "LICENSE_EXPIRING_SOON"
  | "LICENSE_VALID"
  | "LICENSE_INVALID"
  | "LICENSE_VALIDATION_UNAVAILABLE"
  | "REVIEW_APPROVED"
  | "REVIEW_REJECTED"
  | "REVIEW_RESUBMISSION_REQUESTED";

/** A finding, safe to show the applicant and to log: the message never carries PII. */
export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
  /** The application field concerned, if any (`dateOfBirth`, `address`, …). */
  readonly field?: string;
}

/** Score bands on a 0–100 scale: `>= pass` passes, `>= review` goes to review, below fails. */
export interface ScoreBands {
  readonly pass: number;
  readonly review: number;
}

/** The face check as recorded: what the engine said and how the policy judged it. */
export interface FaceCheck {
  readonly outcome: CheckOutcome;
  readonly reason: ReasonCode;
  readonly similarity?: number;
  readonly faces?: { readonly license: number; readonly selfie: number };
  readonly bands: ScoreBands;
  readonly engine: string;
  readonly checkedAt: string;
}

/** The identity check: the field-by-field comparison of the license with the application. */
export interface IdentityCheck {
  readonly outcome: CheckOutcome;
  readonly reason: ReasonCode;
  readonly comparison?: { readonly outcome: MatchOutcome; readonly fields: readonly FieldComparison[] };
  /** The score bands the comparison used, for the audit trail. */
  readonly bands?: ScoreBands;
  readonly engine: string;
  readonly modelVersion?: string;
  readonly checkedAt: string;
}

/** The third party's answer about the license number. */
export interface LicenseValidationCheck {
  readonly outcome: CheckOutcome;
  readonly reason: ReasonCode;
  readonly provider: string;
  readonly providerReason?: string;
  readonly reference?: string;
  readonly checkedAt: string;
}

export interface Checks {
  readonly faceMatch?: FaceCheck;
  readonly identity?: IdentityCheck;
  readonly licenseValidation?: LicenseValidationCheck;
}

/** One line of the audit trail. Holds no PII: codes, scores and thresholds only. */
export interface AuditEntry {
  readonly at: string;
  readonly step: string;
  readonly from?: ApplicationStatus;
  readonly to?: ApplicationStatus;
  readonly outcome: string;
  readonly scores?: Readonly<Record<string, number>>;
  readonly thresholds?: Readonly<Record<string, number>>;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** A message the application owes the outside world, kept with the state that caused it. */
export type Effect =
  | { readonly kind: "LICENSE_VALIDATION_REQUESTED"; readonly id: string; readonly at: string }
  | {
      readonly kind: "NOTIFICATION";
      readonly id: string;
      readonly at: string;
      readonly notification: NotificationContent;
    };

/**
 * The outbox: an effect is written in the same save as the transition that owes it, claimed by
 * one worker (`claim`) and removed once sent. Its id travels with the message so consumers can
 * drop the rare resend after a crash between sending and recording.
 */
export type PendingEffect = Effect & { readonly claim?: { readonly by: string; readonly at: string } };

/** What a notification tells the customer. No PII: ids, statuses and reason codes. */
export type NotificationContent =
  | {
      readonly type: "VALIDATION_COMPLETED";
      readonly check: "FACE_MATCH" | "IDENTITY" | "LICENSE_VALIDATION";
      readonly outcome: CheckOutcome;
      readonly reasons: readonly ReasonCode[];
    }
  | {
      readonly type: "DECISION_MADE";
      readonly status: ApplicationStatus;
      readonly reasons: readonly ReasonCode[];
    };

/** What a reviewer may decide about an application in `MANUAL_REVIEW`. */
export type ReviewDecision = "APPROVE" | "REJECT" | "REQUEST_RESUBMISSION";

/** A reviewer's decision as recorded. `comment` is free text and may hold PII: it is erased with the rest. */
export interface ReviewRecord {
  readonly reviewerId: string;
  readonly decision: ReviewDecision;
  readonly reasonCode: string;
  readonly comment?: string;
  readonly decidedAt: string;
}

/** An application as stored. `applicant` and `review.comment` hold PII; the rest is safe to log. */
export interface ApplicationRecord {
  readonly applicationId: string;
  /** Optimistic-locking version: 1 when created, +1 on every save. */
  readonly version: number;
  readonly status: ApplicationStatus;
  readonly upload: UploadRef;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly applicant?: ApplicationForm;
  readonly documents: StoredDocuments;
  readonly checks: Checks;
  readonly reasons: readonly Reason[];
  readonly outbox: readonly PendingEffect[];
  /** Ids of effects already sent, so a redelivered event never sends them again. */
  readonly effectsDone: readonly string[];
  readonly audit: readonly AuditEntry[];
  /**
   * A pseudonymous reference to the applicant (keyed hash of license number, state and date of
   * birth), linking a resubmission to the application that asked for it. Not reversible without
   * the key.
   */
  readonly customerRef?: string;
  /** The application this one resubmits, and the one that resubmitted this one. */
  readonly previousApplicationId?: string;
  readonly nextApplicationId?: string;
  readonly review?: ReviewRecord;
  /** When the images, documents and PII were erased; the decision record stays. */
  readonly erasedAt?: string;
}

/**
 * Moves an application to `to`, appending the audit entry. Throws `IllegalTransitionFault`
 * for an edge the lifecycle does not have; the `to` type only admits legal targets where the
 * source status is known statically.
 */
export function transition<S extends ApplicationStatus>(
  record: ApplicationRecord & { readonly status: S },
  to: NextStatus<S>,
  entry: Omit<AuditEntry, "from" | "to" | "at">,
  at: Date,
  changes: Partial<Pick<ApplicationRecord, "documents" | "checks" | "reasons" | "outbox" | "review">> = {},
): ApplicationRecord {
  const target = to as ApplicationStatus;
  if (!canTransition(record.status, target)) throw new IllegalTransitionFault(record.status, target);
  const iso = at.toISOString();
  return {
    ...record,
    ...changes,
    status: target,
    updatedAt: iso,
    audit: [...record.audit, { ...entry, at: iso, from: record.status, to: target }],
  };
}

/** The application as the applicant and operators may see it: no PII (the review comment is left out). */
export interface ApplicationView {
  readonly applicationId: string;
  readonly status: ApplicationStatus;
  readonly version: number;
  readonly reasons: readonly Reason[];
  readonly checks: Checks;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly audit: readonly AuditEntry[];
  readonly previousApplicationId?: string;
  readonly nextApplicationId?: string;
  readonly review?: Omit<ReviewRecord, "comment">;
  readonly erasedAt?: string;
}

export const toView = (record: ApplicationRecord): ApplicationView => {
  const { previousApplicationId, nextApplicationId, review, erasedAt } = record;
  return {
    applicationId: record.applicationId,
    status: record.status,
    version: record.version,
    reasons: record.reasons,
    checks: record.checks,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    audit: record.audit,
    ...(previousApplicationId === undefined ? {} : { previousApplicationId }),
    ...(nextApplicationId === undefined ? {} : { nextApplicationId }),
    ...(review === undefined
      ? {}
      : {
          review: {
            reviewerId: review.reviewerId,
            decision: review.decision,
            reasonCode: review.reasonCode,
            decidedAt: review.decidedAt,
          },
        }),
    ...(erasedAt === undefined ? {} : { erasedAt }),
  };
};

/** What a listing shows of an application: ids and times only. */
export interface ApplicationSummary {
  readonly applicationId: string;
  readonly status: ApplicationStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
