import { stat } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import {
  type ApplicationForm,
  type ApplicationStatus,
  type ApplicationView,
  ERASURE_REASONS,
  type ErasureReason,
  eraseApplication,
  getApplication,
  isFault,
  listApplications,
  MAX_PAGE_SIZE,
  type Ports,
  REVIEW_REASON_CODES,
  type ReviewDecision,
  type ReviewReasonCode,
  recordReviewDecision,
  systemClock,
  TRANSITIONS,
} from "@onboarding/core";
import { InMemoryNotifier, InMemoryValidationQueue } from "@onboarding/in-memory-adapters";
import { FileCustomerRepo, FileDocumentStore } from "@onboarding/local-adapters";
import { UsageError } from "../errors.js";
import { formatReport } from "../format.js";
import type { Io } from "../io.js";
import { type AuditReport, type NotificationReport, type Report, toReport } from "../report.js";
import { table } from "../table.js";
import { describeFsError } from "./process.js";

/** Exit status of a refusal: the command line was fine, the core said no (see the README). */
export const REFUSED = 3;

export const APPLICATION_STATUSES = Object.keys(TRANSITIONS) as ApplicationStatus[];

/** `--decision` values and what they mean to the core. */
export const DECISIONS: Readonly<Record<string, ReviewDecision>> = {
  approve: "APPROVE",
  reject: "REJECT",
  resubmit: "REQUEST_RESUBMISSION",
};

type ReviewPorts = Pick<
  Ports,
  "customerRepo" | "documentStore" | "validationQueue" | "notifier" | "clock"
> & {
  readonly customerRepo: FileCustomerRepo;
  readonly documentStore: FileDocumentStore;
  readonly notifier: InMemoryNotifier;
};

/**
 * The ports the review commands run the core's use cases on: the data directory for applications
 * and documents; the queue and notifier in memory (a decision's notification is printed).
 */
async function openDataDir(dataDir: string): Promise<ReviewPorts> {
  try {
    if (!(await stat(dataDir)).isDirectory())
      throw new UsageError(`data directory '${dataDir}' is not a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Missing: nothing has been processed yet, and the commands say so; anything else is unusable.
    if ((error as { code?: unknown }).code !== "ENOENT")
      throw new UsageError(`cannot read data directory '${dataDir}': ${describeFsError(error)}`);
  }
  return {
    customerRepo: new FileCustomerRepo({ dir: dataDir }),
    documentStore: new FileDocumentStore({ dir: dataDir }),
    validationQueue: new InMemoryValidationQueue(),
    notifier: new InMemoryNotifier(),
    clock: systemClock,
  };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Checks an `<applicationId>` argument: what the data directory could hold, nothing else. */
export function parseApplicationId(command: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${command}: missing <applicationId>`);
  if (!ID.test(value)) throw new UsageError(`${command}: '${value}' is not an application id`);
  return value;
}

/** Parses an enumerated option, case-insensitively; one line naming the allowed values otherwise. */
export function parseChoice<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (found === undefined)
    throw new UsageError(`--${option} '${value}' is not one of: ${allowed.join(", ")}`);
  return found;
}

/** Parses a whole-number option within bounds. */
export function parseInteger(option: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, not '${value}'`);
  return n;
}

/** Who is acting: the given id, else the OS user (the local operator is the reviewer). */
export function operatorId(given: string | undefined, env: Readonly<Record<string, string | undefined>>) {
  if (given !== undefined) return given;
  try {
    const name = userInfo().username;
    if (name !== "") return name;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
  }
  const fromEnv = env.USER ?? env.LOGNAME ?? env.USERNAME;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  throw new UsageError("cannot tell who you are: pass --reviewer <id> (or --by <id>)");
}

// ---------------------------------------------------------------------------------------------
// review list

export interface ReviewListOptions {
  readonly dataDir: string;
  readonly json: boolean;
  readonly status: ApplicationStatus;
  readonly limit?: number;
  readonly cursor?: string;
}

/** `onboard review list`: applications in one status (the review queue by default), oldest first. */
export async function reviewListCommand(options: ReviewListOptions, io: Io): Promise<number> {
  const ports = await openDataDir(options.dataDir);
  let page: Awaited<ReturnType<typeof listApplications>>;
  try {
    page = await listApplications(ports, {
      status: options.status,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
    });
  } catch (error) {
    if (isFault(error, "CURSOR_INVALID"))
      throw new UsageError(`--cursor '${options.cursor}' is not a cursor 'onboard review list' printed`);
    throw error;
  }
  const items = page.items.map((s) => ({
    applicationId: s.applicationId,
    status: s.status,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }));
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          status: options.status,
          items,
          ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(
    io.style.bold(
      `${options.status}: ${items.length} application${items.length === 1 ? "" : "s"}, oldest first`,
    ),
  );
  if (items.length === 0) io.out("  (none)");
  else
    for (const line of table(
      ["APPLICATION", "CREATED", "UPDATED", "VERSION"],
      items.map((s) => [s.applicationId, s.createdAt, s.updatedAt, String(s.version)]),
    ))
      io.out(line);
  if (page.nextCursor !== undefined)
    io.out(
      io.style.dim(
        `more: onboard review list --status ${options.status} --limit ${items.length} --cursor ${page.nextCursor}`,
      ),
    );
  return 0;
}

// ---------------------------------------------------------------------------------------------
// review show

export interface ReviewShowOptions {
  readonly dataDir: string;
  readonly json: boolean;
  /** Also print the applicant's details and the reviewer's comment (the operator is the reviewer). */
  readonly showPii: boolean;
}

/** A stored document as `review show` lists it: where to open it, never what it shows. */
export interface DocumentListing {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly path: string;
}

/**
 * What `onboard review show --json` prints. Built field by field from the PII-free view; the
 * applicant and the review comment are added only with `--show-pii`.
 */
export interface ApplicationDetail {
  readonly applicationId: string;
  readonly status: ApplicationStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly previousApplicationId?: string;
  readonly nextApplicationId?: string;
  readonly review?: {
    readonly reviewerId: string;
    readonly decision: string;
    readonly reasonCode: string;
    readonly decidedAt: string;
  };
  readonly erasedAt?: string;
  readonly reasons: Report["reasons"];
  readonly checks: Report["checks"];
  readonly documents: readonly DocumentListing[];
  readonly audit: readonly AuditReport[];
  readonly applicant?: ApplicationForm;
  readonly reviewComment?: string;
}

/** `onboard review show <id>`: the application with its checks, scores, reasons and audit trail. */
export async function reviewShowCommand(applicationId: string, options: ReviewShowOptions, io: Io) {
  const ports = await openDataDir(options.dataDir);
  const view = await getApplication(ports, applicationId);
  if (view === undefined) return refuse(io, "review show", "APPLICATION_NOT_FOUND", notFound(applicationId));
  const report = toReport({ view, notifications: [] });
  const documents = (await ports.documentStore.listDocuments(applicationId)).map((ref) => ({
    name: ref.key.slice(ref.key.lastIndexOf("/") + 1),
    contentType: ref.contentType,
    size: ref.size,
    sha256: ref.sha256,
    path: path.join(options.dataDir, ...ref.key.split("/")),
  }));
  const record = options.showPii ? await ports.customerRepo.get(applicationId) : undefined;
  const detail: ApplicationDetail = {
    ...header(view),
    reasons: report.reasons,
    checks: report.checks,
    documents,
    audit: report.audit,
    ...(record?.applicant === undefined ? {} : { applicant: record.applicant }),
    ...(record?.review?.comment === undefined ? {} : { reviewComment: record.review.comment }),
  };
  if (options.json) {
    io.out(JSON.stringify(detail, null, 2));
    return 0;
  }
  for (const line of formatDetail(detail, report, io)) io.out(line);
  if (!options.showPii && view.erasedAt === undefined)
    io.out(io.style.dim("applicant details hidden: add --show-pii to see them (you are the reviewer)"));
  return 0;
}

const header = (view: ApplicationView) => ({
  applicationId: view.applicationId,
  status: view.status,
  version: view.version,
  createdAt: view.createdAt,
  updatedAt: view.updatedAt,
  ...(view.previousApplicationId === undefined ? {} : { previousApplicationId: view.previousApplicationId }),
  ...(view.nextApplicationId === undefined ? {} : { nextApplicationId: view.nextApplicationId }),
  ...(view.review === undefined
    ? {}
    : {
        review: {
          reviewerId: view.review.reviewerId,
          decision: view.review.decision,
          reasonCode: view.review.reasonCode,
          decidedAt: view.review.decidedAt,
        },
      }),
  ...(view.erasedAt === undefined ? {} : { erasedAt: view.erasedAt }),
});

function formatDetail(detail: ApplicationDetail, report: Report, io: Io): string[] {
  const { style } = io;
  // The process summary without its notifications: those are sent when they happen, not kept.
  const summary = formatReport(report, style);
  const from = summary.indexOf(style.bold("Notifications"));
  const to = summary.indexOf(style.bold("Audit trail"));
  const [first = "", ...body] =
    from >= 0 && to > from ? [...summary.slice(0, from), ...summary.slice(to)] : summary;
  const facts: string[][] = [
    ["version", String(detail.version)],
    ["created", detail.createdAt],
    ["updated", detail.updatedAt],
  ];
  if (detail.previousApplicationId) facts.push(["resubmits", detail.previousApplicationId]);
  if (detail.nextApplicationId) facts.push(["resubmitted as", detail.nextApplicationId]);
  if (detail.review)
    facts.push([
      "review",
      `${detail.review.decision} (${detail.review.reasonCode}) by ${detail.review.reviewerId} at ${detail.review.decidedAt}`,
    ]);
  if (detail.erasedAt) facts.push(["erased", `${detail.erasedAt}: images, documents and PII deleted`]);
  const lines = [first, ...facts.map(([k, v]) => `  ${k}: ${v}`)];
  lines.push("", style.bold("Documents"));
  if (detail.documents.length === 0) lines.push("  (none stored)");
  else
    lines.push(
      ...table(
        ["NAME", "TYPE", "SIZE", "PATH"],
        detail.documents.map((d) => [d.name, d.contentType, String(d.size), d.path]),
      ),
    );
  if (detail.applicant !== undefined || detail.reviewComment !== undefined) {
    lines.push("", style.bold("Applicant (PII)"));
    const a = detail.applicant;
    if (a !== undefined) {
      const address = [
        a.address.line1,
        a.address.line2,
        a.address.city,
        a.address.state,
        a.address.postalCode,
      ]
        .filter((part) => part !== undefined && part !== "")
        .join(", ");
      const rows: string[][] = [
        [
          "name",
          [a.firstName, a.middleName, a.lastName].filter((n) => n !== undefined && n !== "").join(" "),
        ],
        ["date of birth", a.dateOfBirth],
        ["address", address],
        ["license number", a.licenseNumber],
      ];
      if (a.email) rows.push(["email", a.email]);
      if (a.phone) rows.push(["phone", a.phone]);
      lines.push(...table(["FIELD", "DECLARED"], rows));
    }
    if (detail.reviewComment !== undefined) lines.push(`  review comment: ${detail.reviewComment}`);
  }
  return [...lines, ...body];
}

// ---------------------------------------------------------------------------------------------
// review decide

export interface ReviewDecideOptions {
  readonly dataDir: string;
  readonly json: boolean;
  readonly decision: ReviewDecision;
  readonly reasonCode: ReviewReasonCode;
  readonly reviewerId: string;
  readonly comment?: string;
  readonly expectedVersion?: number;
}

/** `onboard review decide <id>`: records a reviewer's decision through `recordReviewDecision`. */
export async function reviewDecideCommand(applicationId: string, options: ReviewDecideOptions, io: Io) {
  const ports = await openDataDir(options.dataDir);
  const result = await recordReviewDecision(ports, {
    applicationId,
    reviewerId: options.reviewerId,
    decision: options.decision,
    reasonCode: options.reasonCode,
    ...(options.comment === undefined ? {} : { comment: options.comment }),
    ...(options.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion }),
  });
  if (!result.ok) {
    const refusal = result.error;
    const message =
      refusal.code === "REVIEW_INVALID" ? `${refusal.message} (${refusal.field})` : refusal.message;
    return refuse(io, "review decide", refusal.code, message);
  }
  const view = result.value;
  const notifications = toReport({ view, notifications: ports.notifier.sentTo(applicationId) }).notifications;
  const { review } = header(view);
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          applicationId: view.applicationId,
          status: view.status,
          version: view.version,
          ...(review === undefined ? {} : { review }),
          notifications,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(
    `${io.style.bold("Application")} ${view.applicationId}: ${io.style.bold(view.status)} (version ${view.version})`,
  );
  if (review)
    io.out(`  ${review.decision} (${review.reasonCode}) by ${review.reviewerId} at ${review.decidedAt}`);
  for (const n of notifications) io.out(`  applicant notified: ${describeNotification(n)}`);
  if (view.status === "RESUBMISSION_REQUESTED")
    io.out(io.style.dim("  the applicant's next upload will be linked to this application"));
  return 0;
}

const describeNotification = (n: NotificationReport): string =>
  `${n.type} ${n.status ?? n.check ?? ""} ${n.reasons.join(", ")}`.replace(/\s+/g, " ").trim();

// ---------------------------------------------------------------------------------------------
// review erase

export interface ReviewEraseOptions {
  readonly dataDir: string;
  readonly json: boolean;
  readonly reason: ErasureReason;
  readonly requestedBy: string;
}

/**
 * `onboard review erase <id>`: deletes the application's images, documents and upload from the
 * data directory and its PII from the record (`eraseApplication`); the decision record stays.
 */
export async function reviewEraseCommand(applicationId: string, options: ReviewEraseOptions, io: Io) {
  const ports = await openDataDir(options.dataDir);
  const before = await ports.customerRepo.get(applicationId);
  const result = await eraseApplication(ports, {
    applicationId,
    requestedBy: options.requestedBy,
    reason: options.reason,
  });
  if (!result.ok) return refuse(io, "review erase", result.error.code, result.error.message);
  const view = result.value;
  const already = before?.erasedAt !== undefined;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          applicationId: view.applicationId,
          status: view.status,
          version: view.version,
          ...(view.erasedAt === undefined ? {} : { erasedAt: view.erasedAt }),
          alreadyErased: already,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(
    already
      ? `Application ${view.applicationId} was already erased at ${view.erasedAt ?? "?"}: nothing to do.`
      : `Erased application ${view.applicationId} (${view.status}): images, documents, upload and PII deleted; the decision record and audit trail stay.`,
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------

const notFound = (applicationId: string) => `no application ${applicationId} in the data directory`;

/** A refusal: one line on stderr naming its code, exit status 3. */
function refuse(io: Io, command: string, code: string, message: string): number {
  io.err(`onboard: ${command}: ${code}: ${message}`);
  return REFUSED;
}

export { ERASURE_REASONS, MAX_PAGE_SIZE, REVIEW_REASON_CODES };
