import {
  type ApplicationRecord,
  type ApplicationStatus,
  type ApplicationView,
  type Effect,
  type Reason,
  type ReviewDecision,
  toView,
  transition,
} from "../domain/application.js";
import { isFault } from "../domain/errors.js";
import { err, ok, type Result } from "../domain/result.js";
import type { Ports } from "../ports/index.js";
import { claimed, dispatchOutbox, nextVersion, reload } from "./outbox.js";

/**
 * The reason a reviewer gives, from one documented set, so that decisions can be counted and
 * audited. Free text goes in the comment.
 */
export const REVIEW_REASON_CODES = [
  "IDENTITY_CONFIRMED",
  "DOCUMENTS_CONSISTENT",
  "FACE_MISMATCH_CONFIRMED",
  "IDENTITY_MISMATCH_CONFIRMED",
  "DOCUMENT_SUSPECTED_FRAUDULENT",
  "DOCUMENT_ILLEGIBLE",
  "DOCUMENT_EXPIRED",
  "PHOTO_QUALITY_INSUFFICIENT",
  "INFORMATION_INCOMPLETE",
  "OTHER",
] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

export interface ReviewDecisionInput {
  readonly applicationId: string;
  /** Who decides: the authenticated reviewer's id (never taken from the request body in an API). */
  readonly reviewerId: string;
  readonly decision: ReviewDecision;
  readonly reasonCode: ReviewReasonCode;
  /** Free text for the file (at most 2,000 characters). May hold PII: it is erased with the rest. */
  readonly comment?: string;
  /** The version the reviewer looked at: if the application changed since, the decision is refused. */
  readonly expectedVersion?: number;
}

/** Why a review decision was not recorded. Expected outcomes, not faults. */
export type ReviewRefusal =
  | { readonly code: "REVIEW_INVALID"; readonly message: string; readonly field: string }
  | { readonly code: "APPLICATION_NOT_FOUND"; readonly message: string }
  | { readonly code: "NOT_IN_REVIEW"; readonly message: string; readonly status: ApplicationStatus }
  | { readonly code: "ALREADY_DECIDED"; readonly message: string; readonly status: ApplicationStatus }
  | { readonly code: "STALE_VERSION"; readonly message: string; readonly version: number };

export type RecordReviewDecisionDeps = Pick<Ports, "customerRepo" | "validationQueue" | "notifier" | "clock">;

const TARGET = {
  APPROVE: "APPROVED",
  REJECT: "REJECTED",
  REQUEST_RESUBMISSION: "RESUBMISSION_REQUESTED",
} as const satisfies Record<ReviewDecision, ApplicationStatus>;

const REASON: Record<ReviewDecision, Reason> = {
  APPROVE: { code: "REVIEW_APPROVED", message: "A reviewer approved the application." },
  REJECT: { code: "REVIEW_REJECTED", message: "A reviewer rejected the application." },
  REQUEST_RESUBMISSION: {
    code: "REVIEW_RESUBMISSION_REQUESTED",
    message: "A reviewer asked for new documents; please upload them again.",
  },
};

/**
 * Records a compliance reviewer's decision on an application in `MANUAL_REVIEW`: approve,
 * reject, or request a resubmission. The audit entry says who decided, when, why, and what they
 * saw (the checks and scores at that moment); the applicant is notified.
 *
 * One decision per application: a second one, or one that lost a race with another reviewer,
 * is refused (`ALREADY_DECIDED`), never overwritten.
 */
export async function recordReviewDecision(
  deps: RecordReviewDecisionDeps,
  input: ReviewDecisionInput,
  options: { readonly worker?: string; readonly claimLeaseMs?: number } = {},
): Promise<Result<ApplicationView, ReviewRefusal>> {
  const invalid = validate(input);
  if (invalid) return err(invalid);
  const outbox = {
    worker: options.worker ?? crypto.randomUUID(),
    claimLeaseMs: options.claimLeaseMs ?? 60_000,
  };

  let record = await deps.customerRepo.get(input.applicationId);
  for (;;) {
    if (record === undefined)
      return err({ code: "APPLICATION_NOT_FOUND", message: `application ${input.applicationId} not found` });
    if (record.review !== undefined)
      return err({
        code: "ALREADY_DECIDED",
        message: "another review decision was recorded first",
        status: record.status,
      });
    if (record.status !== "MANUAL_REVIEW")
      return err({
        code: "NOT_IN_REVIEW",
        message: `the application is ${record.status}, not in manual review`,
        status: record.status,
      });
    if (input.expectedVersion !== undefined && input.expectedVersion !== record.version)
      return err({
        code: "STALE_VERSION",
        message: `the application changed since version ${input.expectedVersion}; reload it`,
        version: record.version,
      });

    const decided = decide(
      record as ApplicationRecord & { status: "MANUAL_REVIEW" },
      input,
      deps.clock.now(),
      outbox.worker,
    );
    try {
      await deps.customerRepo.save(decided);
      return ok(toView(await dispatchOutbox(deps, decided, outbox)));
    } catch (error) {
      if (!isFault(error, "VERSION_CONFLICT")) throw error;
      record = await reload(deps, input.applicationId);
    }
  }
}

function decide(
  record: ApplicationRecord & { status: "MANUAL_REVIEW" },
  input: ReviewDecisionInput,
  now: Date,
  worker: string,
): ApplicationRecord {
  const at = now.toISOString();
  const status = TARGET[input.decision];
  const reasons = [...record.reasons, REASON[input.decision]];
  const { faceMatch, identity, licenseValidation } = record.checks;
  const seen: Record<string, number> = {};
  if (faceMatch?.similarity !== undefined) seen.faceSimilarity = faceMatch.similarity;
  for (const field of identity?.comparison?.fields ?? []) seen[field.field] = field.score;
  const decision: Effect = {
    kind: "NOTIFICATION",
    id: `${record.applicationId}:review-decision`,
    at,
    notification: { type: "DECISION_MADE", status, reasons: reasons.map((r) => r.code) },
  };
  return nextVersion(
    transition(
      record,
      status,
      {
        step: "review",
        outcome: input.decision,
        scores: seen,
        detail: {
          reviewerId: input.reviewerId,
          reasonCode: input.reasonCode,
          reviewedVersion: record.version,
          ...(faceMatch ? { faceOutcome: faceMatch.outcome, faceResult: faceMatch.reason } : {}),
          ...(identity ? { identityOutcome: identity.outcome, identityResult: identity.reason } : {}),
          ...(licenseValidation
            ? { licenseOutcome: licenseValidation.outcome, licenseResult: licenseValidation.reason }
            : {}),
        },
      },
      now,
      {
        reasons,
        review: {
          reviewerId: input.reviewerId,
          decision: input.decision,
          reasonCode: input.reasonCode,
          decidedAt: at,
          ...(input.comment === undefined || input.comment.trim() === ""
            ? {}
            : { comment: input.comment.trim() }),
        },
        outbox: [...record.outbox, ...claimed([decision], worker, now)],
      },
    ),
    {},
  );
}

const DECISIONS: readonly string[] = ["APPROVE", "REJECT", "REQUEST_RESUBMISSION"];

function validate(input: ReviewDecisionInput): ReviewRefusal | undefined {
  const bad = (field: string, message: string): ReviewRefusal => ({ code: "REVIEW_INVALID", field, message });
  if (typeof input.reviewerId !== "string" || input.reviewerId.trim() === "" || input.reviewerId.length > 128)
    return bad("reviewerId", "a reviewer id of 1 to 128 characters is required");
  if (!DECISIONS.includes(input.decision))
    return bad("decision", `decision must be one of ${DECISIONS.join(", ")}`);
  if (!(REVIEW_REASON_CODES as readonly string[]).includes(input.reasonCode))
    return bad("reasonCode", `reasonCode must be one of ${REVIEW_REASON_CODES.join(", ")}`);
  if (input.comment !== undefined && (typeof input.comment !== "string" || input.comment.length > 2000))
    return bad("comment", "the comment must be text of at most 2,000 characters");
  if (input.expectedVersion !== undefined && !Number.isInteger(input.expectedVersion))
    return bad("expectedVersion", "expectedVersion must be an integer");
  return undefined;
}
