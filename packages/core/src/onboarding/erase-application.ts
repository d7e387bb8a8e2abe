import {
  type ApplicationRecord,
  type ApplicationView,
  isTerminal,
  TERMINAL_STATUSES,
  toView,
} from "../domain/application.js";
import { isFault } from "../domain/errors.js";
import { sha256Hex } from "../domain/hash.js";
import { err, ok, type Result } from "../domain/result.js";
import { DEFAULT_RETENTION, type RetentionPolicy } from "../domain/retention.js";
import type { Ports } from "../ports/index.js";
import { nextVersion, reload } from "./outbox.js";

export const ERASURE_REASONS = ["RETENTION_EXPIRED", "CUSTOMER_REQUEST", "LEGAL_ORDER", "OTHER"] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export type EraseApplicationDeps = Pick<Ports, "documentStore" | "customerRepo" | "clock">;

export type ErasureRefusal =
  | { readonly code: "APPLICATION_NOT_FOUND"; readonly message: string }
  | { readonly code: "APPLICATION_IN_PROGRESS"; readonly message: string };

/**
 * Erases an application's images, unpacked documents, upload and PII (name, date of birth,
 * address, license number, contact details, the reviewer's comment), keeping a PII-free record
 * of what was decided and why: status, reasons, checks, scores and the audit trail. What KYC
 * rules require be kept stays; what biometric-privacy rules require be destroyed goes.
 *
 * Only a decided application can be erased (`APPLICATION_IN_PROGRESS` otherwise). Idempotent:
 * erasing again changes nothing.
 */
export async function eraseApplication(
  deps: EraseApplicationDeps,
  input: ErasureInput,
): Promise<Result<ApplicationView, ErasureRefusal>> {
  const result = await erase(deps, input);
  return result.ok ? ok(result.value.view) : result;
}

/** What `eraseApplication` needs: which application, who asks, and why. */
export interface ErasureInput {
  readonly applicationId: string;
  readonly requestedBy: string;
  readonly reason: ErasureReason;
}

async function erase(
  deps: EraseApplicationDeps,
  input: ErasureInput,
): Promise<Result<{ view: ApplicationView; erasedNow: boolean }, ErasureRefusal>> {
  let record = await deps.customerRepo.get(input.applicationId);
  for (;;) {
    if (record === undefined)
      return err({ code: "APPLICATION_NOT_FOUND", message: `application ${input.applicationId} not found` });
    if (record.erasedAt !== undefined) return ok({ view: toView(record), erasedNow: false });
    if (!isTerminal(record.status) || record.outbox.length > 0)
      return err({
        code: "APPLICATION_IN_PROGRESS",
        message: `the application is ${record.status} and still being processed; erase it once decided`,
      });

    await deps.documentStore.deleteDocuments(record.applicationId);
    await deps.documentStore.deleteUpload(record.upload);
    const erased = await redact(record, input, deps.clock.now());
    try {
      await deps.customerRepo.save(erased);
      return ok({ view: toView(erased), erasedNow: true });
    } catch (error) {
      if (!isFault(error, "VERSION_CONFLICT")) throw error;
      record = await reload(deps, input.applicationId);
    }
  }
}

async function redact(record: ApplicationRecord, input: ErasureInput, now: Date): Promise<ApplicationRecord> {
  const at = now.toISOString();
  const { applicant: _applicant, review, ...rest } = record;
  const { comment: _comment, ...reviewWithoutComment } = review ?? { comment: undefined };
  return nextVersion(
    {
      ...rest,
      ...(review === undefined
        ? {}
        : { review: reviewWithoutComment as NonNullable<ApplicationRecord["review"]> }),
      // The upload's key is what the customer named the file, which can be their name.
      upload: { ...record.upload, key: `erased:${(await sha256Hex(record.upload.key)).slice(0, 16)}` },
      documents: {},
      erasedAt: at,
      updatedAt: at,
      audit: [
        ...record.audit,
        {
          at,
          step: "erasure",
          outcome: "ERASED",
          detail: { requestedBy: input.requestedBy, reason: input.reason },
        },
      ],
    },
    {},
  );
}

/**
 * Erases every decided application created before its PII retention ran out (`piiDays`), a page
 * at a time: what a scheduled job runs daily. Returns how many it erased.
 */
export async function eraseExpiredApplications(
  deps: EraseApplicationDeps,
  options: {
    readonly retention?: Partial<RetentionPolicy>;
    readonly pageSize?: number;
    readonly requestedBy?: string;
  } = {},
): Promise<{ readonly erased: number }> {
  const { piiDays } = { ...DEFAULT_RETENTION, ...options.retention };
  const createdBefore = new Date(deps.clock.now().getTime() - piiDays * 86_400_000).toISOString();
  let erased = 0;
  for (const status of TERMINAL_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await deps.customerRepo.listByStatus({
        status,
        limit: options.pageSize ?? 100,
        createdBefore,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const item of page.items) {
        const result = await erase(deps, {
          applicationId: item.applicationId,
          requestedBy: options.requestedBy ?? "retention-job",
          reason: "RETENTION_EXPIRED",
        });
        if (result.ok && result.value.erasedNow) erased += 1;
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return { erased };
}
