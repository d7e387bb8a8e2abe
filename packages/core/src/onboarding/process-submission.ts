import {
  type ApplicationRecord,
  type ApplicationView,
  type AuditEntry,
  type Effect,
  type Reason,
  toView,
  transition,
} from "../domain/application.js";
import type { CheckOutcome } from "../domain/checks.js";
import {
  DEFAULT_DECISION_POLICY,
  type DecisionPolicy,
  judgeFace,
  judgeIdentity,
  reasonsOf,
  worstOf,
} from "../domain/decision.js";
import type { StoredDocuments, UploadRef } from "../domain/documents.js";
import { isFault, type Rejection } from "../domain/errors.js";
import type { Submission, SubmissionFile } from "../domain/submission.js";
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits, readSubmission } from "../intake/index.js";
import { type CompareIdentityOptions, compareIdentity } from "../matching/index.js";
import { resolveOptions } from "../matching/options.js";
import type { Ports } from "../ports/index.js";
import { deriveApplicationId } from "./application-id.js";
import { deriveCustomerRef } from "./customer-ref.js";
import { claimed, dispatchOutbox, nextVersion, reload } from "./outbox.js";

export type ProcessSubmissionDeps = Pick<
  Ports,
  "documentStore" | "faceMatcher" | "idExtractor" | "customerRepo" | "validationQueue" | "notifier" | "clock"
>;

export interface ProcessSubmissionOptions {
  readonly policy?: Partial<DecisionPolicy>;
  readonly intakeLimits?: Partial<IntakeLimits>;
  /** Options for `compareIdentity` (its `now` always comes from the Clock). */
  readonly identity?: Omit<CompareIdentityOptions, "now">;
  /** How long another worker's claim on pending messages is respected. Default 60 s. */
  readonly claimLeaseMs?: number;
  /** Identifies this worker in outbox claims. Default: a random id per call. */
  readonly worker?: string;
  /** The secret key of the pseudonymous customer reference (see `deriveCustomerRef`). */
  readonly customerRefKey?: string;
}

const DEFAULT_CLAIM_LEASE_MS = 60_000;

/** A notification effect id: stable for one application and one event. */
const effectId = (applicationId: string, name: string) => `${applicationId}:${name}`;

/**
 * Processes one uploaded submission: unpacks it under the application's own prefix, saves the
 * application, compares the faces and reads the license concurrently, judges what it read against
 * what the applicant declared, requests the license validation and notifies the applicant.
 *
 * Safe under at-least-once delivery: the application id is derived from the upload, every write
 * is conditional, and a redelivered or resumed call continues from the stored state without
 * repeating effects. A refused submission is a status (`INVALID_SUBMISSION` with coded reasons),
 * not an error; faults (storage down, throttling) are thrown and leave the application resumable.
 *
 * @example
 * ```ts
 * const view = await processSubmission(ports, { upload: { bucket: "docs", key: "uploads/a.zip" } });
 * if (view.status === "INVALID_SUBMISSION") console.log(view.reasons.map((r) => r.code));
 * ```
 */
export async function processSubmission(
  deps: ProcessSubmissionDeps,
  input: { readonly upload: UploadRef },
  options: ProcessSubmissionOptions = {},
): Promise<ApplicationView> {
  const policy = { ...DEFAULT_DECISION_POLICY, ...options.policy };
  const limits = { ...DEFAULT_INTAKE_LIMITS, ...options.intakeLimits };
  const outbox = {
    worker: options.worker ?? crypto.randomUUID(),
    claimLeaseMs: options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS,
  };
  const applicationId = await deriveApplicationId(input.upload);

  let record = await deps.customerRepo.get(applicationId);
  let submission: Submission | undefined;
  let documents: StoredDocuments | undefined;
  if (record === undefined) {
    ({ record, submission, documents } = await receive(
      deps,
      applicationId,
      input.upload,
      limits,
      outbox.worker,
      options.customerRefKey,
    ));
  }

  for (;;) {
    try {
      switch (record.status) {
        case "RECEIVED": {
          if (documents === undefined) {
            submission ??= await reread(deps, record.upload, limits);
            documents = await storeDocuments(deps, applicationId, submission);
          }
          // Stored and verified in one save: a crash before it only repeats idempotent work.
          const verifying = toVerifying(record, documents, deps.clock.now());
          const [verified] = await Promise.all([
            verify(deps, verifying, policy, options.identity, outbox.worker),
            linkPrevious(deps, record),
          ]);
          record = await saveNext(deps, verified);
          break;
        }
        case "DOCUMENTS_STORED":
          record = await saveNext(
            deps,
            transition(
              record as ApplicationRecord & { status: "DOCUMENTS_STORED" },
              "VERIFYING",
              verifyingEntry,
              deps.clock.now(),
            ),
          );
          break;
        case "VERIFYING":
          record = await saveNext(deps, await verify(deps, record, policy, options.identity, outbox.worker));
          break;
        default:
          return toView(await dispatchOutbox(deps, record, outbox));
      }
    } catch (error) {
      if (!isFault(error, "VERSION_CONFLICT")) throw error;
      // Another worker moved the application on: continue from what it stored.
      record = await reload(deps, applicationId);
    }
  }
}

const verifyingEntry = { step: "verification", outcome: "STARTED" } as const;

async function saveNext(deps: ProcessSubmissionDeps, record: ApplicationRecord): Promise<ApplicationRecord> {
  const next = nextVersion(record, {});
  await deps.customerRepo.save(next);
  return next;
}

/** Reads and checks the upload, and creates the application: RECEIVED, or INVALID_SUBMISSION. */
async function receive(
  deps: ProcessSubmissionDeps,
  applicationId: string,
  upload: UploadRef,
  limits: IntakeLimits,
  worker: string,
  customerRefKey: string | undefined,
): Promise<{ record: ApplicationRecord; submission?: Submission; documents?: StoredDocuments }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const read = await readUpload(deps, upload, limits);
  const base = {
    applicationId,
    version: 1,
    upload,
    createdAt: at,
    updatedAt: at,
    documents: {},
    checks: {},
    effectsDone: [],
  } as const;

  if (!read.ok) {
    const reasons: Reason[] = [toReason(read.error)];
    const codes = reasons.map((r) => r.code);
    const decision: Effect = {
      kind: "NOTIFICATION",
      id: effectId(applicationId, "decision"),
      at,
      notification: { type: "DECISION_MADE", status: "INVALID_SUBMISSION", reasons: codes },
    };
    const record: ApplicationRecord = {
      ...base,
      status: "INVALID_SUBMISSION",
      reasons,
      outbox: claimed([decision], worker, now),
      audit: [
        {
          at,
          step: "intake",
          to: "INVALID_SUBMISSION",
          outcome: "REFUSED",
          detail: { code: read.error.code },
        },
      ],
    };
    return { record: await createOrLoad(deps, record) };
  }

  const submission = read.value;
  const customerRef = await deriveCustomerRef(submission.application, customerRefKey);
  const [created, documents] = await Promise.all([
    // The documents are written while the application is created: both are idempotent, and the
    // documents are needed next whichever worker wins the create.
    findResubmitted(deps, customerRef, applicationId).then((previous) =>
      createOrLoad(deps, {
        ...base,
        status: "RECEIVED",
        applicant: submission.application,
        customerRef,
        ...(previous === undefined ? {} : { previousApplicationId: previous }),
        reasons: [],
        outbox: [],
        audit: [
          {
            at,
            step: "intake",
            to: "RECEIVED",
            outcome: "ACCEPTED",
            ...(previous === undefined ? {} : { detail: { resubmissionOf: previous } }),
          },
        ],
      }),
    ),
    storeDocuments(deps, applicationId, submission),
  ]);
  return { record: created, submission, documents };
}

/** The applicant's latest application that asked for a resubmission and has none yet, if any. */
async function findResubmitted(
  deps: ProcessSubmissionDeps,
  customerRef: string,
  applicationId: string,
): Promise<string | undefined> {
  const candidates = (await deps.customerRepo.findByCustomerRef(customerRef)).filter(
    (a) => a.status === "RESUBMISSION_REQUESTED" && a.applicationId !== applicationId,
  );
  for (const candidate of candidates.reverse()) {
    const earlier = await deps.customerRepo.get(candidate.applicationId);
    if (earlier?.nextApplicationId === undefined || earlier.nextApplicationId === applicationId)
      return candidate.applicationId;
  }
  return undefined;
}

/**
 * Records on the earlier application that this one resubmits it, so both audit trails show the
 * link. Idempotent; if another resubmission claimed the earlier application first, it stays theirs.
 */
async function linkPrevious(deps: ProcessSubmissionDeps, record: ApplicationRecord): Promise<void> {
  if (record.previousApplicationId === undefined) return;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const earlier = await deps.customerRepo.get(record.previousApplicationId);
    if (earlier === undefined || earlier.nextApplicationId !== undefined) return;
    const at = deps.clock.now().toISOString();
    try {
      await deps.customerRepo.save(
        nextVersion(earlier, {
          nextApplicationId: record.applicationId,
          updatedAt: at,
          audit: [
            ...earlier.audit,
            {
              at,
              step: "resubmission",
              outcome: "RESUBMITTED",
              detail: { resubmittedAs: record.applicationId },
            },
          ],
        }),
      );
      return;
    } catch (error) {
      if (!isFault(error, "VERSION_CONFLICT")) throw error;
    }
  }
}

async function createOrLoad(
  deps: ProcessSubmissionDeps,
  record: ApplicationRecord,
): Promise<ApplicationRecord> {
  try {
    await deps.customerRepo.create(record);
    return record;
  } catch (error) {
    if (!isFault(error, "APPLICATION_EXISTS")) throw error;
    return reload(deps, record.applicationId);
  }
}

type Read = { ok: true; value: Submission } | { ok: false; error: Rejection };

async function readUpload(
  deps: ProcessSubmissionDeps,
  upload: UploadRef,
  limits: IntakeLimits,
): Promise<Read> {
  if (upload.size !== undefined && upload.size > limits.maxUploadBytes) return tooLarge(upload.size, limits);
  const read = await deps.documentStore.readUpload(upload, { maxBytes: limits.maxUploadBytes });
  if (read.status === "TOO_LARGE") return tooLarge(read.size, limits);
  return readSubmission(read.bytes, { limits, now: deps.clock.now() });
}

const tooLarge = (size: number, limits: IntakeLimits): Read => ({
  ok: false,
  error: {
    code: "ARCHIVE_TOO_LARGE",
    message: `The upload is ${size} bytes; the limit is ${limits.maxUploadBytes} bytes.`,
  },
});

/** A resumed application re-reads its upload: intake is deterministic, so it reads the same. */
async function reread(
  deps: ProcessSubmissionDeps,
  upload: UploadRef,
  limits: IntakeLimits,
): Promise<Submission> {
  const read = await readUpload(deps, upload, limits);
  if (!read.ok) throw new Error(`upload ${upload.key} no longer reads as it did: ${read.error.code}`);
  return read.value;
}

const toReason = (rejection: Rejection): Reason => ({
  code: rejection.code,
  message: rejection.message,
  ...(rejection.field === undefined ? {} : { field: rejection.field }),
});

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "text/csv": "csv" };

const documentName = (file: SubmissionFile): string =>
  `${file.role.replace("_", "-")}.${EXTENSIONS[file.contentType] ?? "bin"}`;

async function storeDocuments(
  deps: ProcessSubmissionDeps,
  applicationId: string,
  submission: Submission,
): Promise<StoredDocuments> {
  const files = [submission.applicationFile, submission.license, submission.selfie];
  if (submission.licenseBack) files.push(submission.licenseBack);
  const refs = await Promise.all(
    files.map((file) =>
      deps.documentStore.putDocument({
        applicationId,
        name: documentName(file),
        contentType: file.contentType,
        bytes: file.bytes,
      }),
    ),
  );
  return Object.fromEntries(files.map((file, i) => [file.role, refs[i]])) as StoredDocuments;
}

function toVerifying(record: ApplicationRecord, documents: StoredDocuments, now: Date): ApplicationRecord {
  const stored = transition(
    record as ApplicationRecord & { status: "RECEIVED" },
    "DOCUMENTS_STORED",
    { step: "documents", outcome: "STORED", detail: { count: Object.keys(documents).length } },
    now,
    { documents },
  ) as ApplicationRecord & { status: "DOCUMENTS_STORED" };
  return transition(stored, "VERIFYING", verifyingEntry, now);
}

/** Runs both checks concurrently and moves the application to its next status with its effects. */
async function verify(
  deps: ProcessSubmissionDeps,
  record: ApplicationRecord,
  policy: DecisionPolicy,
  identityOptions: Omit<CompareIdentityOptions, "now"> | undefined,
  worker: string,
): Promise<ApplicationRecord> {
  const { license, selfie, license_back: licenseBack } = record.documents;
  if (license === undefined || selfie === undefined || record.applicant === undefined)
    throw new Error(`application ${record.applicationId} is verifying without its documents`);
  const applicant = record.applicant;

  const [face, extraction] = await Promise.all([
    deps.faceMatcher.compareFaces({ license, selfie }),
    deps.idExtractor.extractIdentity(licenseBack ? { license, licenseBack } : { license }),
  ]);
  const now = deps.clock.now();
  const comparison =
    extraction.status === "EXTRACTED"
      ? compareIdentity(applicant, extraction.identity, { ...identityOptions, now })
      : undefined;
  const faceMatch = judgeFace(face, policy, now);
  const { bands: identityBands } = resolveOptions(identityOptions);
  const identity = judgeIdentity(extraction, comparison, now, {
    pass: identityBands.match,
    review: identityBands.review,
  });
  const checks = { ...record.checks, faceMatch, identity };
  const outcome = worstOf([faceMatch.outcome, identity.outcome]);
  const reasons = reasonsOf(checks);
  const at = now.toISOString();
  const id = (name: string) => effectId(record.applicationId, name);
  const checkDone = (
    check: "FACE_MATCH" | "IDENTITY",
    result: CheckOutcome,
    reason: Reason["code"],
  ): Effect => ({
    kind: "NOTIFICATION",
    id: id(check === "FACE_MATCH" ? "face-match" : "identity"),
    at,
    notification: { type: "VALIDATION_COMPLETED", check, outcome: result, reasons: [reason] },
  });
  const effects: Effect[] = [
    checkDone("FACE_MATCH", faceMatch.outcome, faceMatch.reason),
    checkDone("IDENTITY", identity.outcome, identity.reason),
  ];
  const entry: Omit<AuditEntry, "at" | "from" | "to"> = {
    step: "verification",
    outcome,
    scores: scoresOf(faceMatch.similarity, comparison?.fields),
    thresholds: {
      facePass: policy.face.pass,
      faceReview: policy.face.review,
      identityMatch: identityBands.match,
      identityReview: identityBands.review,
    },
    detail: {
      faceEngine: faceMatch.engine,
      faceResult: faceMatch.reason,
      idEngine: identity.engine,
      idResult: identity.reason,
      ...(identity.modelVersion === undefined ? {} : { idModelVersion: identity.modelVersion }),
    },
  };
  const verifying = record as ApplicationRecord & { status: "VERIFYING" };

  if (outcome === "FAIL") {
    effects.push({
      kind: "NOTIFICATION",
      id: id("decision"),
      at,
      notification: { type: "DECISION_MADE", status: "REJECTED", reasons: reasons.map((r) => r.code) },
    });
    return transition(verifying, "REJECTED", entry, now, {
      checks,
      reasons,
      outbox: claimed(effects, worker, now),
    });
  }
  effects.unshift({ kind: "LICENSE_VALIDATION_REQUESTED", id: id("license-validation"), at });
  return transition(verifying, "AWAITING_LICENSE_VALIDATION", entry, now, {
    checks,
    reasons,
    outbox: claimed(effects, worker, now),
  });
}

function scoresOf(
  similarity: number | undefined,
  fields: readonly { field: string; score: number }[] | undefined,
): Record<string, number> {
  const scores: Record<string, number> = {};
  if (similarity !== undefined) scores.faceSimilarity = similarity;
  for (const field of fields ?? []) scores[field.field] = field.score;
  return scores;
}
