import type { ApplicationView } from "../domain/application.js";
import { toView } from "../domain/application.js";
import type { LicenseValidationRequest, Ports } from "../ports/index.js";
import { reload } from "./outbox.js";
import { type RecordLicenseValidationOptions, recordOn } from "./record-license-validation.js";

export type CompleteLicenseValidationDeps = Pick<
  Ports,
  "licenseValidator" | "customerRepo" | "validationQueue" | "notifier" | "clock"
>;

/**
 * What the license-validation worker does with one queued request: asks the third party and
 * records its answer. A request whose application already has an answer (a duplicate delivery)
 * does not call the third party again. A transient provider failure is thrown (retryable), so
 * the message is delivered again and, after its last attempt, lands in the dead-letter queue.
 */
export async function completeLicenseValidation(
  deps: CompleteLicenseValidationDeps,
  request: LicenseValidationRequest,
  options: RecordLicenseValidationOptions = {},
): Promise<ApplicationView> {
  const record = await reload(deps, request.applicationId);
  if (record.status !== "AWAITING_LICENSE_VALIDATION" && record.outbox.length === 0) return toView(record);
  const result =
    record.status === "AWAITING_LICENSE_VALIDATION"
      ? await deps.licenseValidator.validateLicense({
          licenseNumber: request.licenseNumber,
          issuingState: request.issuingState,
          requestId: request.requestId,
        })
      : { status: "UNAVAILABLE" as const, provider: "none", reason: "ALREADY_DECIDED" };
  return recordOn(deps, record, result, options);
}
