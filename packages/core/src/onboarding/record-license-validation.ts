import {
  type ApplicationRecord,
  type ApplicationView,
  type Effect,
  toView,
  transition,
} from "../domain/application.js";
import type { LicenseValidationResult } from "../domain/checks.js";
import { judgeLicenseValidation, reasonsOf, worstOf } from "../domain/decision.js";
import { isFault } from "../domain/errors.js";
import type { Ports } from "../ports/index.js";
import { claimed, dispatchOutbox, nextVersion, reload } from "./outbox.js";

export type RecordLicenseValidationDeps = Pick<
  Ports,
  "customerRepo" | "validationQueue" | "notifier" | "clock"
>;

export interface RecordLicenseValidationOptions {
  readonly claimLeaseMs?: number;
  readonly worker?: string;
}

const FINAL = { PASS: "APPROVED", REVIEW: "MANUAL_REVIEW", FAIL: "REJECTED" } as const;

/**
 * Records the third party's answer about the license and decides the application: approved
 * when every check passed, rejected when any failed, manual review otherwise. The applicant is
 * notified of the validation and of the decision.
 *
 * Idempotent: an answer for an application that already has one (a redelivered message) changes
 * nothing and sends nothing new. Throws `ApplicationNotFoundFault` for an unknown application.
 */
export async function recordLicenseValidation(
  deps: RecordLicenseValidationDeps,
  input: { readonly applicationId: string; readonly result: LicenseValidationResult },
  options: RecordLicenseValidationOptions = {},
): Promise<ApplicationView> {
  return recordOn(deps, await reload(deps, input.applicationId), input.result, options);
}

/** `recordLicenseValidation` on a record the caller has just read (saves reading it twice). */
export async function recordOn(
  deps: RecordLicenseValidationDeps,
  current: ApplicationRecord,
  result: LicenseValidationResult,
  options: RecordLicenseValidationOptions = {},
): Promise<ApplicationView> {
  const outbox = {
    worker: options.worker ?? crypto.randomUUID(),
    claimLeaseMs: options.claimLeaseMs ?? 60_000,
  };
  const input = { applicationId: current.applicationId, result };
  let record = current;
  for (;;) {
    if (record.status !== "AWAITING_LICENSE_VALIDATION")
      return toView(await dispatchOutbox(deps, record, outbox));
    const decided = decide(
      record as ApplicationRecord & { status: "AWAITING_LICENSE_VALIDATION" },
      input.result,
      deps.clock.now(),
      outbox.worker,
    );
    try {
      await deps.customerRepo.save(decided);
      record = decided;
    } catch (error) {
      if (!isFault(error, "VERSION_CONFLICT")) throw error;
      record = await reload(deps, input.applicationId);
    }
  }
}

function decide(
  record: ApplicationRecord & { status: "AWAITING_LICENSE_VALIDATION" },
  result: LicenseValidationResult,
  now: Date,
  worker: string,
): ApplicationRecord {
  const licenseValidation = judgeLicenseValidation(result, now);
  const checks = { ...record.checks, licenseValidation };
  const outcome = worstOf(
    [checks.faceMatch?.outcome, checks.identity?.outcome, licenseValidation.outcome].map(
      (o) => o ?? "REVIEW",
    ),
  );
  const status = FINAL[outcome];
  const reasons = reasonsOf(checks);
  const at = now.toISOString();
  const effects: Effect[] = [
    {
      kind: "NOTIFICATION",
      id: `${record.applicationId}:license-validation-result`,
      at,
      notification: {
        type: "VALIDATION_COMPLETED",
        check: "LICENSE_VALIDATION",
        outcome: licenseValidation.outcome,
        reasons: [licenseValidation.reason],
      },
    },
    {
      kind: "NOTIFICATION",
      id: `${record.applicationId}:decision`,
      at,
      notification: { type: "DECISION_MADE", status, reasons: reasons.map((r) => r.code) },
    },
  ];
  return nextVersion(
    transition(
      record,
      status,
      {
        step: "license-validation",
        outcome: licenseValidation.reason,
        detail: {
          provider: licenseValidation.provider,
          ...(licenseValidation.providerReason === undefined
            ? {}
            : { providerReason: licenseValidation.providerReason }),
          decision: status,
        },
      },
      now,
      { checks, reasons, outbox: [...record.outbox, ...claimed(effects, worker, now)] },
    ),
    {},
  );
}
