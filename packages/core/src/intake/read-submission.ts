import { type Rejection, rejection } from "../domain/errors.js";
import { err, ok, type Result } from "../domain/result.js";
import type { DocumentRole, Submission, SubmissionFile } from "../domain/submission.js";
import { classifyEntry, type EntryKind } from "./document-role.js";
import { printableEntryName } from "./entry-name.js";
import { inflateEntry } from "./inflate-entry.js";
import { type IntakeLimits, resolveLimits } from "./intake-limits.js";
import { parseApplicationCsv } from "./parse-application-csv.js";
import { hasArchiveExtension, isArchive, SNIFF_BYTES, sniffImage } from "./sniff-content.js";
import { readZipDirectory, type ZipEntry } from "./zip-directory.js";

export interface ReadSubmissionOptions {
  readonly limits?: Partial<IntakeLimits>;
  /** The clock for "date of birth is in the past"; defaults to the current time. */
  readonly now?: Date;
}

interface Inflated {
  readonly entry: ZipEntry;
  readonly kind: EntryKind;
  readonly bytes: Uint8Array;
}

const REQUIRED_ROLES: readonly DocumentRole[] = ["application", "license", "selfie"];
const ROLE_LABEL: Readonly<Record<DocumentRole, string>> = {
  application: "application CSV",
  license: "driver's license image",
  license_back: "back of the driver's license image",
  selfie: "selfie",
};

const rejectAt = (code: Rejection["code"], message: string, entry: ZipEntry) =>
  err(rejection(code, message, { entry: printableEntryName(entry.name) }));

/**
 * Turns an uploaded `.zip` into a validated `Submission` — one application CSV, one license image
 * (optionally its back) and one selfie — or a coded `Rejection`. Every entry, ignored or not, is
 * checked for safety and inflated under the caps of `limits` (see `DEFAULT_INTAKE_LIMITS`); sizes
 * an archive declares are never trusted. Never throws and never rejects its promise: an
 * unexpected internal failure becomes `ARCHIVE_INVALID`.
 *
 * Archive problems (`ARCHIVE_*`) are reported before document problems (`DOCUMENT_*`), which are
 * reported before application problems (`APPLICATION_INVALID`).
 *
 * @example
 * const result = await readSubmission(bytes);
 * if (!result.ok) return refuse(result.error.code, result.error.message);
 * await store(result.value.license.bytes, result.value.license.contentType);
 */
export const readSubmission = async (
  bytes: Uint8Array,
  options: ReadSubmissionOptions = {},
): Promise<Result<Submission, Rejection>> => {
  try {
    return readOrReject(bytes, resolveLimits(options.limits), options.now ?? new Date());
  } catch {
    return err(rejection("ARCHIVE_INVALID", "the archive could not be read"));
  }
};

const readOrReject = (bytes: Uint8Array, limits: IntakeLimits, now: Date): Result<Submission, Rejection> => {
  if (!(bytes instanceof Uint8Array))
    return err(rejection("ARCHIVE_INVALID", "the upload is not a byte array"));
  if (bytes.length > limits.maxUploadBytes) {
    return err(rejection("ARCHIVE_TOO_LARGE", `the upload is larger than ${limits.maxUploadBytes} bytes`));
  }
  const directory = readZipDirectory(bytes, limits);
  if (!directory.ok) return directory;

  // Refuse honest declarations before spending any work; dishonest ones are caught while inflating.
  let declaredTotal = 0;
  for (const entry of directory.value) {
    declaredTotal += entry.uncompressedSize;
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      return rejectAt("ARCHIVE_TOO_LARGE", `an entry is larger than ${limits.maxEntryBytes} bytes`, entry);
    }
    if (
      entry.uncompressedSize >
      Math.max(limits.ratioGraceBytes, limits.maxCompressionRatio * entry.compressedSize)
    ) {
      return rejectAt(
        "ARCHIVE_TOO_LARGE",
        `an entry is compressed more than ${limits.maxCompressionRatio}:1`,
        entry,
      );
    }
  }
  if (declaredTotal > limits.maxTotalBytes) {
    return err(
      rejection("ARCHIVE_TOO_LARGE", `the archive inflates to more than ${limits.maxTotalBytes} bytes`),
    );
  }

  const inflated: Inflated[] = [];
  let total = 0;
  for (const entry of directory.value) {
    const kind = classifyEntry(entry.name, entry.isDirectory);
    const outcome = inflateEntry(bytes, entry, {
      maxEntryBytes: limits.maxEntryBytes,
      remainingTotalBytes: limits.maxTotalBytes - total,
      maxCompressionRatio: limits.maxCompressionRatio,
      ratioGraceBytes: limits.ratioGraceBytes,
      // Junk is inflated only to count it and check it is sound; unknown files only to sniff them.
      keepBytes: kind.kind === "ignored" ? 0 : kind.kind === "other" ? SNIFF_BYTES : Number.POSITIVE_INFINITY,
    });
    switch (outcome.kind) {
      case "over-entry-cap":
        return rejectAt("ARCHIVE_TOO_LARGE", `an entry is larger than ${limits.maxEntryBytes} bytes`, entry);
      case "over-total-cap":
        return err(
          rejection("ARCHIVE_TOO_LARGE", `the archive inflates to more than ${limits.maxTotalBytes} bytes`),
        );
      case "over-ratio":
        return rejectAt(
          "ARCHIVE_TOO_LARGE",
          `an entry is compressed more than ${limits.maxCompressionRatio}:1`,
          entry,
        );
      case "corrupt":
        return rejectAt("ARCHIVE_INVALID", outcome.message, entry);
      case "inflated":
        total += outcome.size;
        if (outcome.bytes !== undefined) {
          inflated.push({ entry, kind, bytes: outcome.bytes });
        }
    }
  }
  return assemble(inflated, limits, now);
};

const assemble = (
  inflated: readonly Inflated[],
  limits: IntakeLimits,
  now: Date,
): Result<Submission, Rejection> => {
  for (const { entry, bytes } of inflated) {
    if (isArchive(bytes) || hasArchiveExtension(entry.name)) {
      return rejectAt("DOCUMENT_UNSUPPORTED", "archives inside the archive are not accepted", entry);
    }
  }
  const byRole = new Map<DocumentRole, Inflated>();
  for (const item of inflated) {
    if (item.kind.kind === "conflicting") {
      return rejectAt(
        "DOCUMENT_AMBIGUOUS",
        "a file name matches both the license and the selfie",
        item.entry,
      );
    }
    if (item.kind.kind !== "document") continue;
    const { role } = item.kind;
    if (byRole.has(role))
      return rejectAt("DOCUMENT_AMBIGUOUS", `more than one ${ROLE_LABEL[role]}`, item.entry);
    byRole.set(role, item);
  }
  for (const role of REQUIRED_ROLES) {
    if (!byRole.has(role)) return err(rejection("DOCUMENT_MISSING", `no ${ROLE_LABEL[role]} in the archive`));
  }

  const files = new Map<DocumentRole, SubmissionFile>();
  for (const [role, { entry, bytes }] of byRole) {
    if (role === "application") {
      files.set(role, { role, entryName: entry.name, contentType: "text/csv", bytes });
      continue;
    }
    const contentType = sniffImage(bytes);
    if (contentType === undefined) {
      return rejectAt("DOCUMENT_UNSUPPORTED", `the ${ROLE_LABEL[role]} is not a JPEG or PNG image`, entry);
    }
    if (bytes.length > limits.maxImageBytes) {
      return rejectAt(
        "DOCUMENT_UNSUPPORTED",
        `the ${ROLE_LABEL[role]} is larger than ${limits.maxImageBytes} bytes`,
        entry,
      );
    }
    files.set(role, { role, entryName: entry.name, contentType, bytes });
  }

  const applicationFile = files.get("application");
  const license = files.get("license");
  const selfie = files.get("selfie");
  if (!applicationFile || !license || !selfie)
    return err(rejection("DOCUMENT_MISSING", "a document is missing"));
  const application = parseApplicationCsv(applicationFile.bytes, { limits, now });
  if (!application.ok) {
    return err({ ...application.error, entry: printableEntryName(applicationFile.entryName) });
  }
  const licenseBack = files.get("license_back");
  return ok({
    application: application.value,
    applicationFile,
    license,
    ...(licenseBack === undefined ? {} : { licenseBack }),
    selfie,
  });
};
